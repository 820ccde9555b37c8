/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

/**
 * What applying one UPDATE did, for the peer's statistics (RFC 7854 stats 1 and 2 count duplicate advertisements
 * and duplicate withdrawals).
 *
 * @param added announced routes that were new
 * @param replaced announced routes that replaced a route with other attributes
 * @param duplicates announced routes already present with the same attributes
 * @param withdrawn withdrawn routes that were present
 * @param unknownWithdrawals withdrawn routes that were not present
 */
public record UpdateResult(int added, int replaced, int duplicates, int withdrawn, int unknownWithdrawals) {
    /** Nothing happened. */
    public static final UpdateResult EMPTY = new UpdateResult(0, 0, 0, 0, 0);

    /** Accumulates the outcome while an UPDATE is applied. */
    static final class Counter {
        private int added;
        private int replaced;
        private int duplicates;
        private int withdrawn;
        private int unknownWithdrawals;

        void count(final RouteTable.PutOutcome outcome) {
            switch (outcome) {
                case ADDED -> added++;
                case REPLACED -> replaced++;
                case DUPLICATE -> duplicates++;
                default -> throw new IllegalStateException(outcome.name());
            }
        }

        void countWithdraw(final boolean present) {
            if (present) {
                withdrawn++;
            } else {
                unknownWithdrawals++;
            }
        }

        void countUnknownWithdrawals(final int count) {
            unknownWithdrawals += count;
        }

        UpdateResult result() {
            return new UpdateResult(added, replaced, duplicates, withdrawn, unknownWithdrawals);
        }
    }
}
