package org.credanalytics.loadgen.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AckLedgerTest {

    @Test
    void adjacentUnacknowledgedRangesAreMerged() {
        AckLedger ledger = new AckLedger();
        ledger.notAcknowledged(new SeqRange(10, 19));
        ledger.notAcknowledged(new SeqRange(0, 9));
        ledger.notAcknowledged(new SeqRange(30, 39));

        assertThat(ledger.unackedRanges()).containsExactly(new SeqRange(0, 19), new SeqRange(30, 39));
    }

    @Test
    void aRangeAcknowledgedByAnySendIsAcknowledged() {
        AckLedger ledger = new AckLedger();
        SeqRange range = new SeqRange(0, 9);

        ledger.notAcknowledged(range);
        ledger.acknowledged(range);
        ledger.notAcknowledged(range);
        ledger.acknowledged(range);

        assertThat(ledger.unackedRanges()).isEmpty();
        assertThat(ledger.ackedUnique()).isEqualTo(10);
    }

    @Test
    void invalidRangesAreKeptApart() {
        AckLedger ledger = new AckLedger();
        ledger.invalid(new SeqRange(5, 9));
        ledger.acknowledged(new SeqRange(0, 4));

        assertThat(ledger.rejectedRanges()).isEqualTo(List.of(new SeqRange(5, 9)));
        assertThat(ledger.unackedRanges()).isEmpty();
        assertThat(ledger.ackedUnique()).isEqualTo(5);
    }
}
