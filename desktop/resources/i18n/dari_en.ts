<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ko">
<context>
    <name>AchievementChart</name>
    <message>
        <source>목표 대비 실적</source>
        <translation>Actual against target</translation>
    </message>
    <message>
        <source>실적</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>목표 (기간 환산 100%)</source>
        <translation>Target (period, 100%)</translation>
    </message>
    <message>
        <source>지원 중소기업</source>
        <translation>SMEs supported</translation>
    </message>
    <message>
        <source>연구소기업 지원 비율</source>
        <translation>Share with R&amp;D lab</translation>
    </message>
    <message>
        <source>애로해결 기업</source>
        <translation>SMEs with resolved cases</translation>
    </message>
    <message>
        <source>애로해결 건수</source>
        <translation>Cases resolved</translation>
    </message>
    <message>
        <source>기술지도·자문 기업</source>
        <translation>SMEs advised</translation>
    </message>
    <message>
        <source>기술지도·자문 건수</source>
        <translation>Advice sessions</translation>
    </message>
    <message>
        <source>1인당 애로해결</source>
        <translation>Resolved per staff</translation>
    </message>
    <message>
        <source>1인당 기술지도·자문</source>
        <translation>Advice per staff</translation>
    </message>
</context>
<context>
    <name>ActionForm</name>
    <message>
        <source>Enter 저장 · Esc 취소</source>
        <translation>Enter saves · Esc cancels</translation>
    </message>
    <message>
        <source>Ctrl+Enter 저장 · Esc 취소</source>
        <translation>Ctrl+Enter saves · Esc cancels</translation>
    </message>
    <message>
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>저장</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>{label}을(를) 선택해 주세요.</source>
        <translation>Please choose: {label}.</translation>
    </message>
    <message>
        <source>저장하지 못했습니다. 다시 시도해 주세요. ({error})</source>
        <translation>Could not save. Please try again. ({error})</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>다리</source>
        <translation>Dari</translation>
    </message>
</context>
<context>
    <name>AssignmentQueuePage</name>
    <message>
        <source>출연연 지정 대기</source>
        <translation>Awaiting an institute</translation>
    </message>
    <message>
        <source>담당 출연연</source>
        <translation>Institute</translation>
    </message>
    <message>
        <source>지정</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>지정할 건 {n:,}건</source>
        <translation>{n:,} cases to assign</translation>
    </message>
    <message>
        <source>출연연을 지정할 건이 없습니다.</source>
        <translation>No cases need an institute.</translation>
    </message>
    <message>
        <source>{name} 반려: {reason}</source>
        <translation>Declined by {name}: {reason}</translation>
    </message>
    <message>
        <source>반려한 기관은 선택 목록에서 뺐습니다.</source>
        <translation>Institutes that declined are left out of the list.</translation>
    </message>
    <message>
        <source>선택해 주세요</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>추천 출연연: {name} (통합 DB 매칭 결과)</source>
        <translation>Suggested institute: {name} (matched in the shared DB)</translation>
    </message>
    <message>
        <source>담당 출연연을 선택해 주세요.</source>
        <translation>Please choose an institute.</translation>
    </message>
    <message>
        <source>{company} 건을 {institute}에 지정했습니다.</source>
        <translation>Assigned the {company} case to {institute}.</translation>
    </message>
</context>
<context>
    <name>BreakdownTableModel</name>
    <message>
        <source>{year}년 {month}월</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>미지정</source>
        <translation>Not assigned</translation>
    </message>
    <message>
        <source>지역</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>출연연</source>
        <translation>Institute</translation>
    </message>
    <message>
        <source>지원 분야</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>월</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>해결 건수</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>해결 기업</source>
        <translation>SMEs resolved</translation>
    </message>
    <message>
        <source>자문 건수</source>
        <translation>Advice</translation>
    </message>
    <message>
        <source>지원 기업</source>
        <translation>SMEs supported</translation>
    </message>
    <message>
        <source>3일 응대(%)</source>
        <translation>3-day response (%)</translation>
    </message>
    <message>
        <source>2주 협약(%)</source>
        <translation>2-week agreement (%)</translation>
    </message>
    <message>
        <source>해결 소요일</source>
        <translation>Days to resolve</translation>
    </message>
    <message>
        <source>만족도</source>
        <translation>Satisfaction</translation>
    </message>
</context>
<context>
    <name>CaseAction</name>
    <message>
        <source>분류</source>
        <translation>Classify</translation>
    </message>
    <message>
        <source>출연연 지정</source>
        <translation>Assign institute</translation>
    </message>
    <message>
        <source>지정 수락</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>지정 반려</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>최초 연락</source>
        <translation>First contact</translation>
    </message>
    <message>
        <source>메모</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>해결방안 수립</source>
        <translation>Plan resolution</translation>
    </message>
    <message>
        <source>협약 체결</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>해결 기록</source>
        <translation>Record resolution</translation>
    </message>
    <message>
        <source>만족도 조사</source>
        <translation>Survey</translation>
    </message>
    <message>
        <source>종결</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>재개</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>취하</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <source>기업 회신 대기</source>
        <translation>Wait for SME</translation>
    </message>
    <message>
        <source>기업 회신 수신</source>
        <translation>SME replied</translation>
    </message>
</context>
<context>
    <name>CaseActionForm</name>
    <message>
        <source>{institute}에 지정된 이 건을 수락합니다.</source>
        <translation>Accept this case assigned to {institute}.</translation>
    </message>
    <message>
        <source>해결된 이 건을 종결합니다.</source>
        <translation>Close this resolved case.</translation>
    </message>
    <message>
        <source>기업의 회신을 받아 처리를 다시 시작합니다 (처리 기한이 다시 흐릅니다).</source>
        <translation>The company has replied: resume work (the deadline clock runs again).</translation>
    </message>
    <message>
        <source>선택해 주세요</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>없음</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>CaseDetailPage</name>
    <message>
        <source>← 목록으로 (Esc)</source>
        <translation>← Back to list (Esc)</translation>
    </message>
    <message>
        <source>애로사항 상세</source>
        <translation>Case details</translation>
    </message>
    <message>
        <source>개요</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>사업자등록번호</source>
        <translation>Business reg. no.</translation>
    </message>
    <message>
        <source>지역</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>기술지원 분야</source>
        <translation>Support field</translation>
    </message>
    <message>
        <source>접수일시</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>상태</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>담당 출연연</source>
        <translation>Institute</translation>
    </message>
    <message>
        <source>최초 응대 기한</source>
        <translation>First response due</translation>
    </message>
    <message>
        <source>협약 기한</source>
        <translation>Agreement due</translation>
    </message>
    <message>
        <source>애로사항 내용</source>
        <translation>Issue description</translation>
    </message>
    <message>
        <source>처리 이력</source>
        <translation>History</translation>
    </message>
    <message>
        <source>처리</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>미지정</source>
        <translation>Not assigned</translation>
    </message>
    <message>
        <source>지금 이 계정으로 이 건에 기록할 수 있는 처리가 없습니다.</source>
        <translation>This account cannot record any action on this case right now.</translation>
    </message>
    <message>
        <source>저장했습니다. 이 컴퓨터에 보관되며, 서버에 연결되면 전송됩니다.</source>
        <translation>Saved. Kept on this computer and sent when the server is reachable.</translation>
    </message>
</context>
<context>
    <name>CaseListPage</name>
    <message>
        <source>애로사항 목록</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>기업명, 사업자등록번호, 지역, 분야, 상태, 출연연으로 검색</source>
        <translation>Company, reg. no., region, field, status, institute</translation>
    </message>
    <message>
        <source>새 접수 (Ctrl+N)</source>
        <translation>New case (Ctrl+N)</translation>
    </message>
    <message>
        <source>검색 결과 {total:,}건</source>
        <translation>{total:,} found</translation>
    </message>
    <message>
        <source>전체 {total:,}건</source>
        <translation>{total:,} cases</translation>
    </message>
    <message>
        <source>최초 응대 기한(접수 후 3영업일):</source>
        <translation>First response due (3 business days after intake):</translation>
    </message>
</context>
<context>
    <name>CaseStatus</name>
    <message>
        <source>접수</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>분류 완료</source>
        <translation>Classified</translation>
    </message>
    <message>
        <source>출연연 지정 (수락 대기)</source>
        <translation>Awaiting acceptance</translation>
    </message>
    <message>
        <source>반려 (재지정 필요)</source>
        <translation>Declined (reassign)</translation>
    </message>
    <message>
        <source>출연연 수락</source>
        <translation>Accepted by institute</translation>
    </message>
    <message>
        <source>상담 진행</source>
        <translation>In consultation</translation>
    </message>
    <message>
        <source>해결방안 수립</source>
        <translation>Plan made</translation>
    </message>
    <message>
        <source>협약 체결</source>
        <translation>Agreement signed</translation>
    </message>
    <message>
        <source>해결</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>종결</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>취하</source>
        <translation>Withdrawn</translation>
    </message>
</context>
<context>
    <name>CaseTable</name>
    <message>
        <source>해당 없음</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>접수일시</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>기업명</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>사업자등록번호</source>
        <translation>Business reg. no.</translation>
    </message>
    <message>
        <source>지역</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>기술지원 분야</source>
        <translation>Support field</translation>
    </message>
    <message>
        <source>상태</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>담당 출연연</source>
        <translation>Institute</translation>
    </message>
    <message>
        <source>최초 응대 기한</source>
        <translation>First response due</translation>
    </message>
    <message>
        <source>동기화</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>{state} · {due}까지</source>
        <translation>{state} · until {due}</translation>
    </message>
    <message>
        <source>{state} (기업 회신 대기)</source>
        <translation>{state} (awaiting reply)</translation>
    </message>
    <message>
        <source>충돌 예상 {n}건</source>
        <translation>{n} may conflict</translation>
    </message>
    <message>
        <source>전송 대기 {n}건</source>
        <translation>{n} to send</translation>
    </message>
    <message>
        <source>동기화됨</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>미지정</source>
        <translation>Not assigned</translation>
    </message>
    <message>
        <source>최초 응대 기한: {due} (접수 후 3영업일)</source>
        <translation>First response due: {due} (3 business days after intake)</translation>
    </message>
    <message>
        <source>이 컴퓨터에만 있는 기록이 있습니다. 연결되면 서버로 보냅니다.</source>
        <translation>Some records are only on this computer. They are sent when connected.</translation>
    </message>
    <message>
        <source>사업자등록번호 없음</source>
        <translation>no business reg. no.</translation>
    </message>
</context>
<context>
    <name>CaseTimelineModel</name>
    <message>
        <source>일시</source>
        <translation>When</translation>
    </message>
    <message>
        <source>기록자</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>내용</source>
        <translation>What</translation>
    </message>
    <message>
        <source>동기화</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>비고</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>CompanyPicker</name>
    <message>
        <source>기업명 또는 사업자등록번호 일부</source>
        <translation>Part of a company name or business no.</translation>
    </message>
</context>
<context>
    <name>ConcludeForm</name>
    <message>
        <source>멘토링 종료</source>
        <translation>End mentoring</translation>
    </message>
    <message>
        <source>성과와 종료 사유를 적어 주세요.</source>
        <translation>Describe the results and why it ends.</translation>
    </message>
    <message>
        <source>종료 요약</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>종료한 멘토링에는 더 이상 기록을 추가할 수 없습니다.</source>
        <translation>Nothing more can be recorded once mentoring has ended.</translation>
    </message>
</context>
<context>
    <name>ConflictTableModel</name>
    <message>
        <source>{what} — {who}</source>
        <translation>{what} — {who}</translation>
    </message>
    <message>
        <source>구분</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>대상 기록</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>보류된 기록</source>
        <translation>Held record</translation>
    </message>
    <message>
        <source>서버의 기록</source>
        <translation>Server&apos;s record</translation>
    </message>
    <message>
        <source>발생</source>
        <translation>Raised</translation>
    </message>
    <message>
        <source>서버 충돌</source>
        <translation>Server conflict</translation>
    </message>
    <message>
        <source>충돌 예상 (미전송)</source>
        <translation>Likely conflict (not sent)</translation>
    </message>
    <message>
        <source>(없음)</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>충돌</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>서로 다른 곳에서 같은 기록을 다르게 바꾼 경우입니다. 서버의 기록이 현재 확정된 내용이며, 보류된 기록은 삭제되지 않고 결정을 기다립니다.</source>
        <translation>The same record was changed differently in two places. The server&apos;s record is what currently stands; the held record is not deleted and waits for a decision.</translation>
    </message>
    <message>
        <source>새로 고침</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>충돌이 없습니다.</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <source>서버의 기록 (현재 확정된 결정)</source>
        <translation>Server&apos;s record (the decision that stands)</translation>
    </message>
    <message>
        <source>보류된 기록</source>
        <translation>Held record</translation>
    </message>
    <message>
        <source>해결 사유 (예: 기계 분야라 KIMM 지정 유지)</source>
        <translation>Reason (e.g. mechanical field, so KIMM stays assigned)</translation>
    </message>
    <message>
        <source>기존 기록 유지</source>
        <translation>Keep the server&apos;s record</translation>
    </message>
    <message>
        <source>보류된 기록 반영</source>
        <translation>Apply the held record</translation>
    </message>
    <message>
        <source>해결 사유</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>불러오는 중…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>충돌 목록을 불러오지 못했습니다: {error}</source>
        <translation>Could not load the conflicts: {error}</translation>
    </message>
    <message>
        <source>서버에 연결할 수 없어 서버의 충돌 목록을 받지 못했습니다. 이 컴퓨터의 충돌 예상 기록만 표시합니다.</source>
        <translation>Cannot reach the server, so its conflicts could not be fetched. Only likely conflicts on this computer are shown.</translation>
    </message>
    <message>
        <source>서버에 연결할 수 없어 마지막으로 받은 목록을 표시합니다 ({when} 기준).</source>
        <translation>Cannot reach the server; showing the last list fetched (as of {when}).</translation>
    </message>
    <message>
        <source>로그인이 만료되어 서버의 충돌 목록을 받지 못했습니다. 아래 상태 표시줄의 [다시 로그인]을 눌러 주세요.</source>
        <translation>Your sign-in has expired, so the server&apos;s conflicts could not be fetched. Press [Sign in again] in the status bar below.</translation>
    </message>
    <message>
        <source>서버의 충돌 목록을 받지 못했습니다: {message}</source>
        <translation>Could not fetch the server&apos;s conflicts: {message}</translation>
    </message>
    <message>
        <source>서버 충돌 {server}건 · 충돌 예상 {local}건</source>
        <translation>{server} server conflicts · {local} likely conflicts</translation>
    </message>
    <message>
        <source>(없음)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>충돌 사유: {reason}</source>
        <translation>Conflict reason: {reason}</translation>
    </message>
    <message>
        <source>아직 서버로 보내지 않은 이 컴퓨터의 기록입니다. 보내면 서버가 판단하며, 충돌로 남으면 통합센터 직원이 해결합니다. 기록은 지워지지 않습니다.</source>
        <translation>This record on this computer has not been sent yet. The server decides once it is sent; if it stays a conflict, Center staff resolve it. Nothing is deleted.</translation>
    </message>
    <message>
        <source>충돌 해결은 통합센터 직원이 합니다. 이 화면에서는 내용만 확인할 수 있습니다.</source>
        <translation>Center staff resolve conflicts. Here you can only view them.</translation>
    </message>
    <message>
        <source>어느 쪽을 남길지 정하고 사유를 적어 주세요. 결정은 이 건의 이력에 기록됩니다.</source>
        <translation>Choose which side to keep and give a reason. The decision is recorded in the case history.</translation>
    </message>
    <message>
        <source>해결 사유를 입력해 주세요.</source>
        <translation>Please enter a reason.</translation>
    </message>
    <message>
        <source>충돌을 해결했습니다 ({decision}).</source>
        <translation>Conflict resolved ({decision}).</translation>
    </message>
    <message>
        <source>서버에 연결할 수 없어 충돌을 해결하지 못했습니다. 연결되면 다시 시도해 주세요.</source>
        <translation>Cannot reach the server, so the conflict was not resolved. Try again when connected.</translation>
    </message>
    <message>
        <source>충돌을 해결하지 못했습니다: {error}</source>
        <translation>Could not resolve the conflict: {error}</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>연결 확인 전</source>
        <translation>Checking connection</translation>
    </message>
    <message>
        <source>온라인</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>오프라인</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Dari 업데이트 필요</source>
        <translation>Dari update needed</translation>
    </message>
    <message>
        <source>다시 로그인 필요</source>
        <translation>Sign-in needed</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>지역별</source>
        <translation>By region</translation>
    </message>
    <message>
        <source>출연연별</source>
        <translation>By institute</translation>
    </message>
    <message>
        <source>지원분야별</source>
        <translation>By service</translation>
    </message>
    <message>
        <source>월별</source>
        <translation>By month</translation>
    </message>
    <message>
        <source>년</source>
        <translation type="vanished"> </translation>
    </message>
    <message>
        <source>{month}월</source>
        <translation>Month {month}</translation>
    </message>
    <message>
        <source>지금</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>이 날이 끝날 때까지 기록된 내용으로 계산합니다. 비우면 지금 기준입니다.</source>
        <translation>Counts what was recorded up to the end of this day. Leave empty for now.</translation>
    </message>
    <message>
        <source>기준일 지우기</source>
        <translation>Clear as-of date</translation>
    </message>
    <message>
        <source>새로 고침</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>불러오는 중…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>현황판</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>연도</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>기간</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>기준일</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>다리_KPI_{period}.xlsx</source>
        <translation>Dari_KPI_{period}.xlsx</translation>
    </message>
    <message>
        <source>서버에 연결할 수 없어 현황을 불러오지 못했습니다. 연결되면 [새로 고침]을 눌러 주세요.</source>
        <translation>Cannot reach the server, so the figures could not be loaded. Press [Refresh] once connected.</translation>
    </message>
    <message>
        <source>현황판을 볼 권한이 없습니다. {reason}</source>
        <translation>You may not view the dashboard. {reason}</translation>
    </message>
    <message>
        <source>현황을 불러오지 못했습니다. {reason}</source>
        <translation>The figures could not be loaded. {reason}</translation>
    </message>
    <message>
        <source>현황을 불러오지 못했습니다: {reason}</source>
        <translation>The figures could not be loaded: {reason}</translation>
    </message>
    <message>
        <source>{start} ~ {end} · {as_of} 기준</source>
        <translation>{start} – {end} · as of {as_of}</translation>
    </message>
    <message>
        <source>전국 성과지표 (서버 집계)</source>
        <translation>National KPIs (server figures)</translation>
    </message>
    <message>
        <source>{region} 실적 (이 컴퓨터 기준)</source>
        <translation>{region} figures (this computer)</translation>
    </message>
    <message>
        <source>이 컴퓨터의 수치입니다: {region}의 기록 중 이 컴퓨터에 있는 것(받아 온 기록과 아직 보내지 않은 기록)으로 계산했습니다. 서버의 전국 집계와 다를 수 있습니다.</source>
        <translation>These are this computer&apos;s figures: counted from the {region} records on this computer (received and not yet sent). They may differ from the server&apos;s national figures.</translation>
    </message>
</context>
<context>
    <name>DomainLabel</name>
    <message>
        <source>소상공인</source>
        <translation>Micro business</translation>
    </message>
    <message>
        <source>소기업</source>
        <translation>Small business</translation>
    </message>
    <message>
        <source>중기업</source>
        <translation>Medium business</translation>
    </message>
    <message>
        <source>중견기업</source>
        <translation>Mid-sized company</translation>
    </message>
    <message>
        <source>단기 (1주 이내)</source>
        <translation>Short (up to 1 week)</translation>
    </message>
    <message>
        <source>중기 (1~6개월)</source>
        <translation>Medium (1–6 months)</translation>
    </message>
    <message>
        <source>장기 (6개월 이상)</source>
        <translation>Long (6 months or more)</translation>
    </message>
    <message>
        <source>R&amp;D 기획</source>
        <translation>R&amp;D planning</translation>
    </message>
    <message>
        <source>기술 로드맵</source>
        <translation>Technology roadmap</translation>
    </message>
    <message>
        <source>시장 정보</source>
        <translation>Market information</translation>
    </message>
    <message>
        <source>지역상담센터 상담원</source>
        <translation>Regional counselor</translation>
    </message>
    <message>
        <source>출연연 전담조직</source>
        <translation>Institute liaison</translation>
    </message>
    <message>
        <source>통합센터 직원</source>
        <translation>Central staff</translation>
    </message>
    <message>
        <source>관리자</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>EngagementView</name>
    <message>
        <source>세션 기록</source>
        <translation>Record session</translation>
    </message>
    <message>
        <source>융합 과제</source>
        <translation>Joint R&amp;D project</translation>
    </message>
    <message>
        <source>교류회</source>
        <translation>Exchange group</translation>
    </message>
    <message>
        <source>단계 변경</source>
        <translation>Change stage</translation>
    </message>
    <message>
        <source>종료</source>
        <translation>End</translation>
    </message>
    <message>
        <source>멘토링 세션을 기록합니다.</source>
        <translation>Record a mentoring session.</translation>
    </message>
    <message>
        <source>융합 R&amp;D 과제 발굴을 기록합니다.</source>
        <translation>Record a joint R&amp;D project found.</translation>
    </message>
    <message>
        <source>교류회 결성·참여를 기록합니다.</source>
        <translation>Record forming or joining an exchange group.</translation>
    </message>
    <message>
        <source>과제선정 &gt; R&amp;D &gt; 사업화 &gt; 투·융자 &gt; 해외진출 단계를 바꿉니다.</source>
        <translation>Change the stage: project selection &gt; R&amp;D &gt; commercialisation &gt; investment &gt; export.</translation>
    </message>
    <message>
        <source>멘토링을 종료합니다.</source>
        <translation>End the mentoring.</translation>
    </message>
    <message>
        <source>종료된 멘토링입니다. 기록을 추가할 수 없습니다.</source>
        <translation>This mentoring has ended. Nothing more can be recorded.</translation>
    </message>
    <message>
        <source>멘토링 세션</source>
        <translation>Mentoring sessions</translation>
    </message>
    <message>
        <source>융합 R&amp;D 과제</source>
        <translation>Joint R&amp;D projects</translation>
    </message>
    <message>
        <source>기록 이력</source>
        <translation>History</translation>
    </message>
    <message>
        <source>{junior} ← 멘토 {senior}</source>
        <translation>{junior} ← mentor {senior}</translation>
    </message>
    <message>
        <source>코디네이터 {coordinator} · {region} · 시작 {started}</source>
        <translation>Coordinator {coordinator} · {region} · started {started}</translation>
    </message>
    <message>
        <source>단계 진입 전</source>
        <translation>Before first stage</translation>
    </message>
    <message>
        <source>{stage} · 종료</source>
        <translation>{stage} · ended</translation>
    </message>
    <message>
        <source>아직 기록된 세션이 없습니다.</source>
        <translation>No sessions recorded yet.</translation>
    </message>
    <message>
        <source>{day} · {hours}시간 · {topics}</source>
        <translation>{day} · {hours} h · {topics}</translation>
    </message>
    <message>
        <source>아직 발굴한 과제가 없습니다.</source>
        <translation>No projects found yet.</translation>
    </message>
    <message>
        <source>참여한 교류회가 없습니다.</source>
        <translation>Not in any exchange group.</translation>
    </message>
    <message>
        <source>현재 참여 중</source>
        <translation>Current member</translation>
    </message>
    <message>
        <source>동기화됨</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>전송 대기</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>충돌 예상</source>
        <translation>Likely conflict</translation>
    </message>
    <message>
        <source>충돌</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>거부</source>
        <translation>Rejected</translation>
    </message>
</context>
<context>
    <name>ExcelExport</name>
    <message>
        <source>엑셀 파일로 저장</source>
        <translation>Save as Excel file</translation>
    </message>
    <message>
        <source>Excel 통합 문서 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>엑셀로 내보내기</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>엑셀 파일을 내려받는 중…</source>
        <translation>Downloading the Excel file…</translation>
    </message>
    <message>
        <source>엑셀 파일을 저장했습니다: {path}</source>
        <translation>Excel file saved: {path}</translation>
    </message>
    <message>
        <source>내보내기를 취소했습니다. 저장된 파일은 없습니다.</source>
        <translation>Export cancelled. No file was saved.</translation>
    </message>
    <message>
        <source>엑셀 파일을 저장하지 못했습니다. {reason}</source>
        <translation>The Excel file could not be saved. {reason}</translation>
    </message>
    <message>
        <source>엑셀 파일을 저장하지 못했습니다: {reason}</source>
        <translation>The Excel file could not be saved: {reason}</translation>
    </message>
</context>
<context>
    <name>ExchangeGroupForm</name>
    <message>
        <source>교류회 참여</source>
        <translation>Join an exchange group</translation>
    </message>
    <message>
        <source>예: 대전 모빌리티 부품 교류회</source>
        <translation>e.g. Daejeon mobility parts group</translation>
    </message>
    <message>
        <source>교류회</source>
        <translation>Exchange group</translation>
    </message>
</context>
<context>
    <name>Fonts</name>
    <message>
        <source>글꼴을 불러올 수 없습니다: {path}</source>
        <translation>Cannot load the font: {path}</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>받은 요청</source>
        <translation>Requests received</translation>
    </message>
    <message>
        <source>수락</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>예: 보유 기술·장비가 없습니다.</source>
        <translation>e.g. We lack the technology or equipment.</translation>
    </message>
    <message>
        <source>반려 사유</source>
        <translation>Reason for declining</translation>
    </message>
    <message>
        <source>반려</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>소속 출연연 정보가 없어 받은 요청을 보여 드릴 수 없습니다. 관리자에게 문의해 주세요.</source>
        <translation>Your account has no institute, so no requests can be shown. Please contact an administrator.</translation>
    </message>
    <message>
        <source>전체 {n:,}건 · 수락 대기 {w:,}건</source>
        <translation>{n:,} cases · {w:,} awaiting acceptance</translation>
    </message>
    <message>
        <source>받은 요청이 없습니다.</source>
        <translation>No requests received.</translation>
    </message>
    <message>
        <source>담당 기관으로 지정된 건입니다. 수락하거나 사유를 적어 반려해 주세요.</source>
        <translation>Your institute was assigned this case. Accept it, or decline with a reason.</translation>
    </message>
    <message>
        <source>수락한 건입니다. Enter 또는 두 번 클릭으로 상세 화면을 엽니다.</source>
        <translation>Accepted. Press Enter or double-click to open the details.</translation>
    </message>
    <message>
        <source>{company} 건을 수락했습니다. 3영업일 안에 기업에 연락해 주세요.</source>
        <translation>Accepted the {company} case. Please contact the company within 3 business days.</translation>
    </message>
    <message>
        <source>{company} 건을 반려했습니다. 통합센터가 다른 기관을 지정합니다.</source>
        <translation>Declined the {company} case. The Center will assign another institute.</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <source>선택해 주세요</source>
        <translation>Please choose</translation>
    </message>
    <message>
        <source>기업명 또는 사업자등록번호 일부를 입력하세요</source>
        <translation>Type part of a company name or business no.</translation>
    </message>
    <message>
        <source>다른 기업 입력</source>
        <translation>Enter another company</translation>
    </message>
    <message>
        <source>예: 한빛정밀(주)</source>
        <translation>e.g. Hanbit Precision Co.</translation>
    </message>
    <message>
        <source>예: 정밀 도금·표면처리</source>
        <translation>e.g. precision plating, surface finishing</translation>
    </message>
    <message>
        <source>기업부설연구소 보유</source>
        <translation>Has a corporate research lab</translation>
    </message>
    <message>
        <source>사업자등록번호</source>
        <translation>Business reg. no.</translation>
    </message>
    <message>
        <source>기업명</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>업종</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>기업 규모</source>
        <translation>Company size</translation>
    </message>
    <message>
        <source>소재 지역</source>
        <translation>Company region</translation>
    </message>
    <message>
        <source>연구소</source>
        <translation>Research lab</translation>
    </message>
    <message>
        <source>기업이 겪는 기술적 어려움을 구체적으로 적어 주세요 (공정, 증상, 원하는 도움).</source>
        <translation>Describe the company&apos;s technical problem in detail (process, symptoms, help wanted).</translation>
    </message>
    <message>
        <source>접수 지역</source>
        <translation>Intake region</translation>
    </message>
    <message>
        <source>접수 경로</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>기술지원 분야</source>
        <translation>Support field</translation>
    </message>
    <message>
        <source>애로사항 내용</source>
        <translation>Issue description</translation>
    </message>
    <message>
        <source>예: 신호처리</source>
        <translation>e.g. signal processing</translation>
    </message>
    <message>
        <source>예: 이차전지 분리막</source>
        <translation>e.g. battery separators</translation>
    </message>
    <message>
        <source>예</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>아니오</source>
        <translation>No</translation>
    </message>
    <message>
        <source>희망 기관(출연연)</source>
        <translation>Preferred institute</translation>
    </message>
    <message>
        <source>희망 연구 분야</source>
        <translation>Desired research field</translation>
    </message>
    <message>
        <source>교류 기간</source>
        <translation>Exchange period</translation>
    </message>
    <message>
        <source>요청 정보 종류</source>
        <translation>Information wanted</translation>
    </message>
    <message>
        <source>희망 기술 분야</source>
        <translation>Desired technology</translation>
    </message>
    <message>
        <source>러닝개런티 협의</source>
        <translation>Running royalty negotiable</translation>
    </message>
    <message>
        <source>이 분야는 추가 입력 항목이 없습니다.</source>
        <translation>This field needs no further details.</translation>
    </message>
    <message>
        <source>애로사항 접수</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>* 표시는 필수 항목입니다. Ctrl+S 저장, Esc 목록으로.</source>
        <translation>* marks required fields. Ctrl+S saves, Esc returns to the list.</translation>
    </message>
    <message>
        <source>기업</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>기업 찾기</source>
        <translation>Find company</translation>
    </message>
    <message>
        <source>이미 등록된 기업은 &apos;기업 찾기&apos;에서 이름이나 번호 일부로 찾을 수 있습니다. 사업자등록번호를 끝까지 입력해도 등록된 기업이면 자동으로 선택됩니다.</source>
        <translation>Find a registered company under &apos;Find company&apos; by part of its name or number. Typing a full business no. of a registered company selects it too.</translation>
    </message>
    <message>
        <source>애로사항</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>분야별 추가 항목</source>
        <translation>Field-specific details</translation>
    </message>
    <message>
        <source>저장 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>목록으로 (Esc)</source>
        <translation>Back to list (Esc)</translation>
    </message>
    <message>
        <source>등록된 기업으로 접수합니다: {name} · {number} · {region}</source>
        <translation>Recording for a registered company: {name} · {number} · {region}</translation>
    </message>
    <message>
        <source>비슷한 이름의 기업이 이미 있습니다: {listed}. 같은 기업이면 위의 &apos;기업 찾기&apos;에서 선택해 주세요.</source>
        <translation>Companies with similar names exist: {listed}. If it is the same company, choose it under &apos;Find company&apos; above.</translation>
    </message>
    <message>
        <source>{length:,} / {limit:,}자</source>
        <translation>{length:,} / {limit:,} characters</translation>
    </message>
    <message>
        <source>저장하지 못했습니다. 다시 시도해 주세요. ({error})</source>
        <translation>Could not save. Please try again. ({error})</translation>
    </message>
</context>
<context>
    <name>KpiTableModel</name>
    <message>
        <source>지표</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>{year}년 실적</source>
        <translation>{year} actual</translation>
    </message>
    <message>
        <source>{year}년 목표</source>
        <translation>{year} target</translation>
    </message>
    <message>
        <source>기간 목표</source>
        <translation>Period target</translation>
    </message>
    <message>
        <source>실적</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>달성률(%)</source>
        <translation>Achieved (%)</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>화면이 잠겨 있습니다</source>
        <translation>The screen is locked</translation>
    </message>
    <message>
        <source>{name}({username})님의 화면입니다. 계속하려면 비밀번호를 입력해 주세요. 잠겨 있는 동안에도 동기화는 계속됩니다.</source>
        <translation>This screen belongs to {name} ({username}). Enter the password to continue. Syncing goes on while it is locked.</translation>
    </message>
    <message>
        <source>비밀번호</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>잠금 해제</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>종료</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>확인하는 중…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>충돌</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>설정</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>설정을 저장했습니다. 바뀐 서버 주소와 언어는 다시 시작하면 적용됩니다.</source>
        <translation>Settings saved. A new server address or language applies after a restart.</translation>
    </message>
    <message>
        <source>설정을 저장했습니다.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>다리 (Dari) — {name}</source>
        <translation>Dari — {name}</translation>
    </message>
    <message>
        <source>다리</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>중소기업지원통합센터</source>
        <translation>SME Support Integrated Center</translation>
    </message>
    <message>
        <source>애로사항 목록</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>새 접수</source>
        <translation>New case</translation>
    </message>
    <message>
        <source>멘토링</source>
        <translation>Mentoring</translation>
    </message>
    <message>
        <source>현황판</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>화면 잠금</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>멘토링 기록을 저장했습니다. 이 컴퓨터에 보관되며, 서버에 연결되면 전송됩니다.</source>
        <translation>Mentoring record saved. Kept on this computer and sent when the server is reachable.</translation>
    </message>
    <message>
        <source>접수를 저장했습니다. 이 컴퓨터에 보관되며, 서버에 연결되면 전송됩니다.</source>
        <translation>Case saved. Kept on this computer and sent when the server is reachable.</translation>
    </message>
</context>
<context>
    <name>MentoringForm</name>
    <message>
        <source>저장 (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>취소 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>{junior} ← 멘토 {senior} · 코디네이터 {coordinator}</source>
        <translation>{junior} ← mentor {senior} · coordinator {coordinator}</translation>
    </message>
    <message>
        <source>저장하지 못했습니다. 다시 시도해 주세요. ({error})</source>
        <translation>Could not save. Please try again. ({error})</translation>
    </message>
</context>
<context>
    <name>MentoringPage</name>
    <message>
        <source>기술협력 멘토링</source>
        <translation>Technology mentoring</translation>
    </message>
    <message>
        <source>기업명, 코디네이터, 단계, 교류회, 과제명으로 검색</source>
        <translation>Search by company, coordinator, stage, group, project</translation>
    </message>
    <message>
        <source>새 멘토링</source>
        <translation>New mentoring</translation>
    </message>
    <message>
        <source>단계별 현황</source>
        <translation>By stage</translation>
    </message>
    <message>
        <source>목록에서 멘토링을 선택하면 세션, 과제, 교류회와 기록 이력이 여기에 보입니다.</source>
        <translation>Choose a mentoring in the list to see its sessions, projects, groups and history here.</translation>
    </message>
    <message>
        <source>검색 결과 {n}건</source>
        <translation>{n} found</translation>
    </message>
    <message>
        <source>전체 {n}건</source>
        <translation>{n} in all</translation>
    </message>
    <message>
        <source>검색 결과 {n}건 기준 · 단계 진입 전 {before}건</source>
        <translation>Of {n} found · {before} before first stage</translation>
    </message>
    <message>
        <source>{n}건 기준 · 단계 진입 전 {before}건</source>
        <translation>Of {n} · {before} before first stage</translation>
    </message>
</context>
<context>
    <name>MentoringTable</name>
    <message>
        <source>충돌 예상 {n}건</source>
        <translation>{n} may conflict</translation>
    </message>
    <message>
        <source>전송 대기 {n}건</source>
        <translation>{n} to send</translation>
    </message>
    <message>
        <source>동기화됨</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>단계 진입 전</source>
        <translation>Before first stage</translation>
    </message>
    <message>
        <source>종료</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>진행 중</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <source>후배 기업</source>
        <translation>Junior company</translation>
    </message>
    <message>
        <source>선배 기업 (멘토)</source>
        <translation>Senior company (mentor)</translation>
    </message>
    <message>
        <source>코디네이터</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <source>현재 단계</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>세션</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>최근 세션</source>
        <translation>Last session</translation>
    </message>
    <message>
        <source>융합 과제</source>
        <translation>Joint R&amp;D projects</translation>
    </message>
    <message>
        <source>진행</source>
        <translation>State</translation>
    </message>
    <message>
        <source>동기화</source>
        <translation>Sync</translation>
    </message>
</context>
<context>
    <name>MonthChart</name>
    <message>
        <source>월별 실적</source>
        <translation>Monthly results</translation>
    </message>
    <message>
        <source>월</source>
        <translation>Month</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>{n:,}건</source>
        <translation>{n:,} cases</translation>
    </message>
    <message>
        <source>저장하지 못했습니다. 다시 시도해 주세요. ({e})</source>
        <translation>Could not save. Please try again. ({e})</translation>
    </message>
    <message>
        <source>기업</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>접수</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>분야</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>상태</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>최초 응대</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>내용</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>ReloginDialog</name>
    <message>
        <source>다시 로그인</source>
        <translation>Sign in again</translation>
    </message>
    <message>
        <source>서버 로그인이 만료되었습니다. 이 컴퓨터의 기록은 그대로 있으며, 다시 로그인하면 보내지 못한 기록을 이어서 보냅니다.</source>
        <translation>Your server sign-in has expired. Records on this computer are safe; sign in again to send the ones still waiting.</translation>
    </message>
    <message>
        <source>비밀번호</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>나중에</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>사용자 이름</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>다시 로그인하지 못했습니다: {error}</source>
        <translation>Could not sign in again: {error}</translation>
    </message>
    <message>
        <source>로그인하는 중…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>RoleQueues</name>
    <message>
        <source>받은 요청</source>
        <translation>Requests received</translation>
    </message>
    <message>
        <source>지정 대기</source>
        <translation>To assign</translation>
    </message>
    <message>
        <source>만족도 조사</source>
        <translation>Survey</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <source>멘토링 세션 기록</source>
        <translation>Record a mentoring session</translation>
    </message>
    <message>
        <source>시간 (예: 2 또는 1.5)</source>
        <translation>Hours (e.g. 2 or 1.5)</translation>
    </message>
    <message>
        <source>쉼표로 구분 (예: 원가 절감, 판로 개척)</source>
        <translation>Comma-separated (e.g. cost cutting, new markets)</translation>
    </message>
    <message>
        <source>선배 기업이 공유한 노하우를 적어 주세요.</source>
        <translation>Describe the know-how the senior company shared.</translation>
    </message>
    <message>
        <source>멘토링 일자</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>멘토링 시간 (시간 단위)</source>
        <translation>Duration (hours)</translation>
    </message>
    <message>
        <source>주제</source>
        <translation>Topics</translation>
    </message>
    <message>
        <source>공유한 노하우</source>
        <translation>Know-how shared</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>설정</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source> 분</source>
        <translation> min</translation>
    </message>
    <message>
        <source>서버 주소</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>자동 잠금 시간</source>
        <translation>Lock after</translation>
    </message>
    <message>
        <source>표시 언어</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>키보드나 마우스 입력이 없으면 이 시간 뒤에 화면을 잠급니다 (1–{max}분).</source>
        <translation>The screen locks after this long without keyboard or mouse input (1–{max} min).</translation>
    </message>
    <message>
        <source>표시 언어는 Dari를 다시 시작하면 바뀝니다.</source>
        <translation>The language changes when Dari is restarted.</translation>
    </message>
    <message>
        <source>저장</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>취소</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>보낼 기록이 {n}건 있어 지금은 서버 주소를 바꿀 수 없습니다. 바꾼 주소는 Dari를 다시 시작하면 적용됩니다.</source>
        <translation>{n} records are waiting to be sent, so the server address cannot change now. A new address applies when Dari is restarted.</translation>
    </message>
    <message>
        <source>바꾼 주소는 Dari를 다시 시작하면 적용됩니다.</source>
        <translation>A new address applies when Dari is restarted.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>이 컴퓨터에서 처음 로그인합니다. 서버에 연결해 사용자를 확인하고, 이 컴퓨터의 기록을 비밀번호로 암호화합니다.</source>
        <translation>First sign-in on this computer. Dari checks your account with the server and encrypts the records on this computer with your password.</translation>
    </message>
    <message>
        <source>이 컴퓨터에 저장된 정보로 로그인합니다. 인터넷에 연결되어 있지 않아도 됩니다.</source>
        <translation>Signing in with the details saved on this computer. No internet connection is needed.</translation>
    </message>
    <message>
        <source>다리 (Dari) 로그인</source>
        <translation>Dari sign-in</translation>
    </message>
    <message>
        <source>예: counselor.kim</source>
        <translation>e.g. counselor.kim</translation>
    </message>
    <message>
        <source>비밀번호</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>서버 주소</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>사용자 이름</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>로그인</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>닫기</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>다리 &lt;span style=&apos;color:#667085; font-weight:normal&apos;&gt;Dari&lt;/span&gt;</source>
        <translation>Dari</translation>
    </message>
    <message>
        <source>중소기업지원통합센터 상담·멘토링 기록 시스템</source>
        <translation>SME Support Integrated Center · case and mentoring records</translation>
    </message>
    <message>
        <source>로그인하지 못했습니다: {error}</source>
        <translation>Could not sign in: {error}</translation>
    </message>
    <message>
        <source>로그인하는 중…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>SignInError</name>
    <message>
        <source>사용자 이름을 입력해 주세요.</source>
        <translation>Please enter your username.</translation>
    </message>
    <message>
        <source>비밀번호를 입력해 주세요.</source>
        <translation>Please enter your password.</translation>
    </message>
    <message>
        <source>이 프로필 폴더에는 다른 사용자 또는 다른 서버의 기록이 있습니다. 다른 프로필 폴더를 사용해 주세요.</source>
        <translation>This profile folder holds another user&apos;s or another server&apos;s records. Please use another profile folder.</translation>
    </message>
    <message>
        <source>서버에 연결할 수 없습니다. 처음 로그인할 때는 서버 연결이 필요합니다. 서버 주소와 네트워크를 확인해 주세요.</source>
        <translation>Cannot reach the server. The first sign-in needs the server. Check the address and the network.</translation>
    </message>
    <message>
        <source>서버에 연결할 수 없습니다. 기록은 이 컴퓨터에 안전하게 남아 있으니 계속 작업하시고, 연결되면 다시 로그인해 주세요.</source>
        <translation>Cannot reach the server. Your records are safe on this computer: keep working and sign in again once connected.</translation>
    </message>
    <message>
        <source>비밀번호가 맞지 않습니다. 서버에 등록된 비밀번호를 입력해 주세요.</source>
        <translation>Wrong password. Please enter the password registered on the server.</translation>
    </message>
    <message>
        <source>서버 주소를 입력해 주세요.</source>
        <translation>Please enter the server address.</translation>
    </message>
    <message>
        <source>비밀번호가 맞지 않습니다. 관리자가 비밀번호를 바꾸었다면 예전 비밀번호를 입력해 주세요.</source>
        <translation>Wrong password. If an administrator changed your password, enter the previous one.</translation>
    </message>
    <message>
        <source>비밀번호가 맞지 않습니다. 다시 입력해 주세요.</source>
        <translation>Wrong password. Please try again.</translation>
    </message>
    <message>
        <source>이 컴퓨터에서 처음 로그인합니다. 서버에 연결해 로그인해 주세요.</source>
        <translation>First sign-in on this computer: please sign in with the server connected.</translation>
    </message>
    <message>
        <source>로그인 정보 파일이 손상되었습니다.</source>
        <translation>The sign-in file is damaged.</translation>
    </message>
    <message>
        <source>서버 주소는 http:// 또는 https:// 로 시작해야 합니다 (예: https://dari.example.kr).</source>
        <translation>The server address must start with http:// or https:// (e.g. https://dari.example.kr).</translation>
    </message>
</context>
<context>
    <name>SlaState</name>
    <message>
        <source>시작 전</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>기한 내</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>일시정지</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>기한 초과</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>기한 내 처리</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>기한 후 처리</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>해당 없음</source>
        <translation type="vanished">n/a</translation>
    </message>
    <message>
        <source>{state} · {due}까지</source>
        <translation type="vanished">{state} · due {due}</translation>
    </message>
    <message>
        <source>{state} (기업 회신 대기)</source>
        <translation type="vanished">{state} (waiting on SME)</translation>
    </message>
</context>
<context>
    <name>StageForm</name>
    <message>
        <source>단계 변경</source>
        <translation>Change stage</translation>
    </message>
    <message>
        <source>이전 단계로 되돌릴 때 입력합니다.</source>
        <translation>Needed when going back to an earlier stage.</translation>
    </message>
    <message>
        <source>단계</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>사유</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>StageFunnel</name>
    <message>
        <source>{reached}건 (현재 {current}건)</source>
        <translation>{reached} (now {current})</translation>
    </message>
</context>
<context>
    <name>StartForm</name>
    <message>
        <source>새 멘토링 시작</source>
        <translation>Start a mentoring</translation>
    </message>
    <message>
        <source>예: 한지원</source>
        <translation>e.g. Han Jiwon</translation>
    </message>
    <message>
        <source>후배 기업 (멘토링 받는 기업)</source>
        <translation>Junior company (mentored)</translation>
    </message>
    <message>
        <source>선배 기업 (멘토)</source>
        <translation>Senior company (mentor)</translation>
    </message>
    <message>
        <source>전담 코디네이터</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <source>지역</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>후배 기업을 찾아 목록에서 선택해 주세요.</source>
        <translation>Find the junior company and choose it from the list.</translation>
    </message>
    <message>
        <source>선배 기업을 찾아 목록에서 선택해 주세요.</source>
        <translation>Find the senior company and choose it from the list.</translation>
    </message>
</context>
<context>
    <name>SurveyEntryPage</name>
    <message>
        <source>만족도 조사</source>
        <translation>Satisfaction survey</translation>
    </message>
    <message>
        <source>1 매우 불만족</source>
        <translation>1 very dissatisfied</translation>
    </message>
    <message>
        <source>5 매우 만족</source>
        <translation>5 very satisfied</translation>
    </message>
    <message>
        <source>만족도</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>기업의 의견 (선택)</source>
        <translation>Company&apos;s comments (optional)</translation>
    </message>
    <message>
        <source>의견</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>조사 결과 저장</source>
        <translation>Save survey</translation>
    </message>
    <message>
        <source>조사할 건 {n:,}건</source>
        <translation>{n:,} cases to survey</translation>
    </message>
    <message>
        <source>만족도 조사를 기다리는 건이 없습니다.</source>
        <translation>No cases are waiting for a survey.</translation>
    </message>
    <message>
        <source>담당</source>
        <translation>Institute</translation>
    </message>
    <message>
        <source>미지정</source>
        <translation>Not assigned</translation>
    </message>
    <message>
        <source>해결 결과</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>만족도를 1점에서 5점 중에서 골라 주세요.</source>
        <translation>Please choose a score from 1 to 5.</translation>
    </message>
    <message>
        <source>{company} 건의 만족도 조사({score}점)를 저장했습니다.</source>
        <translation>Saved the survey for the {company} case (score {score}).</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>동기화 중 예기치 않은 오류가 발생했습니다. 다시 시도해 주세요.</source>
        <translation>Sync stopped on an unexpected error. Please try again.</translation>
    </message>
</context>
<context>
    <name>SyncStatusArea</name>
    <message>
        <source>동기화 중…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>아직 동기화하지 않았습니다</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>마지막 동기화 {when}</source>
        <translation>Last synced {when}</translation>
    </message>
    <message>
        <source>받는 중 {done:,} / {total:,}</source>
        <translation>Receiving {done:,} / {total:,}</translation>
    </message>
    <message>
        <source> (약 {duration} 남음)</source>
        <translation> (about {duration} left)</translation>
    </message>
    <message>
        <source>{n}초</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>{n}분</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{hours}시간 {minutes}분</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>다시 시도</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>다시 로그인</source>
        <translation>Sign in again</translation>
    </message>
    <message>
        <source>보낼 기록 {n:,}건</source>
        <translation>{n:,} to send</translation>
    </message>
    <message>
        <source>충돌·거부 {n:,}건</source>
        <translation>{n:,} conflicts/rejected</translation>
    </message>
    <message>
        <source>서버 충돌 {n}건</source>
        <translation>{n} server conflicts</translation>
    </message>
    <message>
        <source>서버 로그인이 만료되었습니다. 기록은 이 컴퓨터에 그대로 있습니다. 다시 로그인하면 동기화를 이어갑니다.</source>
        <translation>Your server sign-in has expired. Records stay on this computer; sign in again to resume syncing.</translation>
    </message>
    <message>
        <source>{n}초 후 자동 재시도</source>
        <translation>Retrying in {n} s</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <source>융합 R&amp;D 과제 발굴</source>
        <translation>Joint R&amp;D project found</translation>
    </message>
    <message>
        <source>예: 고온 압력 센서 보정 모듈</source>
        <translation>e.g. high-temperature pressure sensor calibration</translation>
    </message>
    <message>
        <source>과제명</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>설명</source>
        <translation>Description</translation>
    </message>
</context>
<context>
    <name>TimelineBadge</name>
    <message>
        <source>동기화됨</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>전송 대기</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>충돌</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>거부</source>
        <translation>Rejected</translation>
    </message>
</context>
</TS>
