/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packed sorted map against a TreeMap, through splits, merges, shrinks and widening. */
class SortedKeysTest {
    @ParameterizedTest(name = "seed {0}, ascending {1}")
    @CsvSource({ "1, false", "2, true", "3, false" })
    void behavesLikeTreeMap(final long seed, final boolean ascending) {
        final var random = new Random(seed);
        final var keys = new SortedKeys(1);
        final var reference = new TreeMap<Long, AttributeSet>(Long::compareUnsigned);
        final var sets = new AttributeSet[7];
        for (int i = 0; i < sets.length; i++) {
            sets[i] = new AttributeSet(new byte[] { (byte) i }, i);
        }
        final var probe = new long[2];
        long next = 0;
        for (int round = 0; round < 40_000; round++) {
            final long key = ascending ? next++ : random.nextInt(20_000) * 0x9E3779B97F4A7C15L;
            probe[0] = key;
            if (round < 25_000 || random.nextBoolean()) {
                final var set = sets[random.nextInt(sets.length)];
                assertThat(keys.put(probe, 0, set)).isSameAs(reference.put(key, set));
            } else {
                assertThat(keys.remove(probe, 0)).isSameAs(reference.remove(key));
            }
        }
        keys.verify();
        assertThat(keys.size()).isEqualTo(reference.size());

        // widen with a word after the key: order and values stay
        keys.widen(1);
        final var seen = new ArrayList<Long>();
        for (long pos = keys.first(); !keys.isEnd(pos); pos = keys.next(pos)) {
            assertThat(keys.keysAt(pos)[keys.offsetAt(pos) + 1]).isZero();
            seen.add(keys.keysAt(pos)[keys.offsetAt(pos)]);
        }
        assertThat(seen).containsExactlyElementsOf(reference.keySet());
        keys.verify();

        // remove all in random order: every leaf goes
        final var all = new ArrayList<>(reference.keySet());
        Collections.shuffle(all, random);
        for (var key : all) {
            probe[0] = key;
            probe[1] = 0;
            assertThat(keys.remove(probe, 0)).isSameAs(reference.remove(key));
        }
        assertThat(keys.size()).isZero();
        assertThat(keys.isEnd(keys.first())).isTrue();
        assertThat(keys.capacity()).isZero();
        keys.verify();
    }

    @Test
    void withdrawalsGiveMemoryBack() {
        final var random = new Random(5);
        final var keys = new SortedKeys(1);
        final var set = new AttributeSet(new byte[] { 1 }, 1);
        final var probe = new long[1];
        final var inserted = new ArrayList<Long>();
        for (int i = 0; i < 50_000; i++) {
            probe[0] = random.nextLong();
            if (keys.put(probe, 0, set) == null) {
                inserted.add(probe[0]);
            }
        }
        assertThat(keys.capacity()).isLessThan(2L * keys.size());
        // withdraw 95%, spread over every leaf
        Collections.shuffle(inserted, random);
        for (var key : inserted.subList(0, inserted.size() * 95 / 100)) {
            probe[0] = key;
            assertThat(keys.remove(probe, 0)).isSameAs(set);
        }
        keys.verify();
        assertThat(keys.capacity()).as("room left for %s entries", keys.size()).isLessThan(4L * keys.size());
    }
}
