import React, { useCallback, useEffect, useState } from "react";
import { Box, Button, Loader, MessageBox, Table, TableBody, TableCell, TableRow, Text } from "@adminjs/design-system";
import { ApiClient, useNotice, useTranslation, type ActionProps } from "adminjs";

interface Reach {
  target: "ALL" | "ALL_MIA" | "SEGMENT";
  segmentMunicipality: string | null;
  segmentMinAge: number | null;
  segmentMaxAge: number | null;
  /** A municipal administrator's own municipality: they grant only there. */
  scope: string | null;
  matched: number;
  alreadyGranted: number;
  expired: boolean;
}

interface Progress {
  granted: number;
  alreadyHad: number;
  matched: number;
  next: string | null;
  done: boolean;
}

interface Answer {
  notice?: { type?: string; message: string };
  reach?: Reach;
  progress?: Progress;
}

type Translate = (key: string, resourceId?: string, options?: Record<string, unknown>) => string;

/** "pashouders van Eeklo tussen 12 en 18 jaar", "alle pashouders met kansenstatuut". */
function targetInWords(reach: Reach, t: Translate): string {
  if (reach.target === "ALL") return t("couponTargetAll");
  if (reach.target === "ALL_MIA") return t("couponTargetAllMia");
  const { segmentMunicipality: municipality, segmentMinAge: min, segmentMaxAge: max } = reach;
  const age =
    min !== null && max !== null
      ? t(min === max ? "couponAgeExactly" : "couponAgeBetween", undefined, { min, max })
      : min !== null
        ? t("couponAgeFrom", undefined, { min })
        : max !== null
          ? t("couponAgeUpTo", undefined, { max })
          : null;
  return [t("couponTargetSegment"), municipality && t("couponTargetOf", undefined, { municipality }), age].filter(Boolean).join(" ");
}

// Coupon → "Toekennen": whom the coupon is for and how many of them hold it, then the grant batch by batch with a
// progress bar, ending in a Dutch confirmation.
const CouponGrant: React.FC<ActionProps> = ({ record, resource, action }) => {
  const { translateMessage, i18n } = useTranslation();
  const t: Translate = (key, _resourceId, options) => translateMessage(key, resource.id, options);
  const addNotice = useNotice();
  const [reach, setReach] = useState<Reach | null>(null);
  const [refusal, setRefusal] = useState("");
  const [running, setRunning] = useState(false);
  const [handled, setHandled] = useState(0);
  const [total, setTotal] = useState(0);
  const [done, setDone] = useState("");
  const api = new ApiClient();
  const number = (value: number) => new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nl-BE").format(value);
  const recordId = String(record?.id ?? "");

  const load = useCallback(async () => {
    const response = await new ApiClient().recordAction({ resourceId: resource.id, recordId, actionName: action.name });
    const answer = response.data as Answer;
    if (answer.notice?.type === "error") setRefusal(answer.notice.message);
    setReach(answer.reach ?? null);
  }, [resource.id, recordId, action.name]);
  useEffect(() => {
    load().catch(() => setRefusal(t("couponGrantFailed")));
  }, [load]);
  if (!record) return null;

  const run = async () => {
    setRunning(true);
    setDone("");
    setRefusal("");
    setHandled(0);
    setTotal(reach?.matched ?? 0);
    let granted = 0;
    let alreadyHad = 0;
    let after = "";
    try {
      for (;;) {
        const response = await api.recordAction({ resourceId: resource.id, recordId, actionName: action.name, data: { after } });
        const answer = response.data as Answer;
        if (!answer.progress) {
          setRefusal(answer.notice?.message ?? t("couponGrantFailed"));
          break;
        }
        const step = answer.progress;
        granted += step.granted;
        alreadyHad += step.alreadyHad;
        setHandled(granted + alreadyHad);
        setTotal(Math.max(step.matched, granted + alreadyHad));
        if (step.done || !step.next) {
          const message = t("couponGrantDone", undefined, {
            granted: t(granted === 1 ? "couponGrantPassholder" : "couponGrantPassholders", undefined, { count: number(granted) }),
            already: alreadyHad === 0 ? t("couponGrantAlreadyNone") : t(alreadyHad === 1 ? "couponGrantAlreadyOne" : "couponGrantAlreadyMany", undefined, { count: number(alreadyHad) }),
          });
          setDone(message);
          addNotice({ message, type: "success" });
          break;
        }
        after = step.next;
      }
    } catch {
      setRefusal(t("couponGrantFailed"));
    } finally {
      setRunning(false);
      await load().catch(() => undefined);
    }
  };

  const toGrant = reach ? reach.matched - reach.alreadyGranted : 0;
  return (
    <Box variant="container" p="xl" data-testid="coupon-grant">
      <Text mb="lg">{record.title}</Text>
      <MessageBox variant="info" mb="lg">{t("couponGrantIntro")}</MessageBox>
      {!reach && !refusal && <Loader />}
      {reach && (
        <Table mb="lg" data-testid="coupon-grant-reach">
          <TableBody>
            <TableRow>
              <TableCell>{t("couponGrantTarget")}</TableCell>
              <TableCell data-testid="coupon-grant-target">
                {targetInWords(reach, t)}
                {reach.scope && <Text variant="sm">{t("couponGrantScope", undefined, { municipality: reach.scope })}</Text>}
              </TableCell>
            </TableRow>
            <TableRow>
              <TableCell>{t("couponGrantMatched")}</TableCell>
              <TableCell data-testid="coupon-grant-matched">{number(reach.matched)}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell>{t("couponGrantAlready")}</TableCell>
              <TableCell data-testid="coupon-grant-already">{number(reach.alreadyGranted)}</TableCell>
            </TableRow>
            <TableRow>
              <TableCell>{t("couponGrantToDo")}</TableCell>
              <TableCell>{number(Math.max(toGrant, 0))}</TableCell>
            </TableRow>
          </TableBody>
        </Table>
      )}
      {reach?.expired && <MessageBox variant="danger" mb="lg">{t("couponGrantExpired")}</MessageBox>}
      {reach && !reach.expired && !running && !done && reach.matched === 0 && <MessageBox variant="info" mb="lg">{t("couponGrantNobody")}</MessageBox>}
      {reach && !reach.expired && !running && !done && reach.matched > 0 && toGrant <= 0 && <MessageBox variant="info" mb="lg">{t("couponGrantNothing")}</MessageBox>}
      {(running || done) && (
        <Box mb="lg">
          <progress max={Math.max(total, 1)} value={handled} style={{ width: "100%" }} aria-label={t("couponGrantProgressLabel")} data-testid="coupon-grant-progress" />
          <Text variant="sm">{t("couponGrantProgress", undefined, { done: number(handled), total: number(total) })}</Text>
        </Box>
      )}
      {done && <MessageBox variant="success" mb="lg" data-testid="coupon-grant-done">{done}</MessageBox>}
      {refusal && <MessageBox variant="danger" mb="lg" data-testid="coupon-grant-refused">{refusal}</MessageBox>}
      <Button type="button" variant="contained" onClick={run} disabled={!reach || reach.expired || running || toGrant <= 0} data-testid="coupon-grant-submit">
        {t("couponGrantSubmit")}
      </Button>
    </Box>
  );
};

export default CouponGrant;
