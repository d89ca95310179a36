import React, { useEffect, useState } from "react";
import { useDispatch, useSelector } from "react-redux";
import { Box, MessageBox } from "@adminjs/design-system";
import { useTranslation, type NoticeMessageInState, type ReduxState } from "adminjs";

// AdminJS's notices vanish after 3 seconds, too soon to read "Nieuwe kaart … uitgereikt aan …; de oude kaart …
// is vervangen." These stay a reading time that grows with the message, longer for an error, and not while the
// pointer rests on them; the cross closes them at once.
// AdminJS's own action (its dropNotice is not among the globals a component bundle can import).
const DROP_NOTICE = "DROP_NOTICE";

const readingTime = (message: string, type?: string) => Math.min(20_000, 6_000 + 60 * message.length) * (type === "error" ? 2 : 1);

const Notice: React.FC<{ notice: NoticeMessageInState; drop: () => void }> = ({ notice, drop }) => {
  const { tm } = useTranslation();
  const [resting, setResting] = useState(false);
  const message = tm(notice.message, notice.resourceId, notice.options);
  useEffect(() => {
    if (resting) return undefined;
    const timer = window.setTimeout(drop, readingTime(message, notice.type));
    return () => window.clearTimeout(timer);
  }, [notice.id, resting]);
  return (
    <div onMouseEnter={() => setResting(true)} onMouseLeave={() => setResting(false)} role={notice.type === "error" ? "alert" : "status"}>
      <MessageBox style={{ minWidth: 480 }} message={message} variant={notice.type === "error" ? "danger" : (notice.type ?? "info")} onCloseClick={drop} />
    </div>
  );
};

const NoticeBox: React.FC = () => {
  const notices = useSelector((state: ReduxState) => state.notices);
  const dispatch = useDispatch();
  if (!notices.length) return null;
  return (
    <Box data-testid="notice-wrapper" data-css="notice-wrapper" flex flexDirection="column" p="sm" style={{ gap: 4 }}>
      {notices.map((notice) => (
        <Notice key={notice.id} notice={notice} drop={() => dispatch({ type: DROP_NOTICE, data: { noticeId: notice.id } })} />
      ))}
    </Box>
  );
};

export default NoticeBox;
