package org.credanalytics.loadgen.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ZipfSamplerTest {
    private static final long SEED = 7;

    @Test
    void rankFrequenciesFollowOneOverKToTheS() {
        ZipfSampler zipf = new ZipfSampler(1000, 1.1);
        SplittableRandom random = new SplittableRandom(SEED);
        int samples = 2_000_000;
        long[] counts = new long[1001];
        for (int i = 0; i < samples; i++) {
            counts[zipf.sample(random)]++;
        }

        double harmonic = 0;
        for (int k = 1; k <= 1000; k++) {
            harmonic += 1 / Math.pow(k, 1.1);
        }
        assertThat(counts[1] / (double) samples).as("seed %d", SEED).isCloseTo(1 / harmonic, within(0.005));
        for (int k : new int[] {2, 3, 5, 10, 20}) {
            double ratio = counts[1] / (double) counts[k];
            assertThat(ratio).as("f(1)/f(%d), seed %d", k, SEED).isCloseTo(Math.pow(k, 1.1), within(Math.pow(k, 1.1) * 0.05));
        }
    }

    @Test
    void probabilitiesSumToOneAndDecrease() {
        ZipfSampler zipf = new ZipfSampler(500, 0.8);
        double sum = 0;
        for (int k = 1; k <= 500; k++) {
            sum += zipf.probability(k);
            if (k > 1) {
                assertThat(zipf.probability(k)).isLessThan(zipf.probability(k - 1));
            }
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void samplesStayWithinRanksAndRepeatForTheSameSeed() {
        ZipfSampler zipf = new ZipfSampler(3, 1.1);
        SplittableRandom a = new SplittableRandom(SEED);
        SplittableRandom b = new SplittableRandom(SEED);
        for (int i = 0; i < 10_000; i++) {
            int rank = zipf.sample(a);
            assertThat(rank).isBetween(1, 3).isEqualTo(zipf.sample(b));
        }
    }

    @Test
    void skewZeroIsUniform() {
        ZipfSampler zipf = new ZipfSampler(4, 0);
        assertThat(zipf.probability(1)).isCloseTo(0.25, within(1e-12));
        assertThat(zipf.probability(4)).isCloseTo(0.25, within(1e-12));
    }
}
