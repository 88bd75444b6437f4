package cn.insurer.archive.api;

import cn.insurer.archive.retention.LegalHold;
import cn.insurer.archive.retention.RetentionDecision;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A dossier's retention as shown with it: the deciding rule and policy version, dates, holds. */
public record RetentionView(String ruleId, String policyVersion, String trigger, LocalDate triggerDate,
                            LocalDate dispositionDate, String state, String action, List<HoldRef> holds) {

    public record HoldRef(UUID id, String caseReference, String reason, String placedBy, Instant placedAt) {

        static HoldRef of(LegalHold hold) {
            return new HoldRef(hold.id(), hold.caseReference(), hold.reason(), hold.placedBy(), hold.placedAt());
        }

        static HoldRef withheld(LegalHold hold) {
            return new HoldRef(null, null, null, null, hold.placedAt());
        }
    }

    public static RetentionView of(RetentionDecision decision, List<LegalHold> holds) {
        return of(decision, holds, true);
    }

    /**
     * With the holds' case references, reasons and who placed them only for readers of holds; anyone
     * else who reads the dossier learns that it is held, and since when.
     */
    public static RetentionView of(RetentionDecision decision, List<LegalHold> holds, boolean holdDetails) {
        return new RetentionView(decision.ruleId(), decision.policyVersion(), decision.trigger().name(), decision.triggerDate(),
                decision.dispositionDate(), decision.state().name(), decision.action().name(),
                holds.stream().map(hold -> holdDetails ? HoldRef.of(hold) : HoldRef.withheld(hold)).toList());
    }
}
