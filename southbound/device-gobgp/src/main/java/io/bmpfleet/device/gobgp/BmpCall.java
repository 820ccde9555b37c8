/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.gobgp;

import static java.util.Objects.requireNonNull;

/**
 * One call that changes gobgpd's BMP stations. GoBGP has no call that changes a station: a changed station is a
 * {@link Delete} and then an {@link Add}.
 */
sealed interface BmpCall {
    /**
     * The call as text, as {@link io.bmpfleet.device.SyncResult#changes()} lists it.
     *
     * @return one line
     */
    String line();

    /**
     * AddBmp.
     *
     * @param config the station and its settings
     */
    record Add(StationConfig config) implements BmpCall {
        public Add {
            requireNonNull(config);
        }

        @Override
        public String line() {
            return config.addLine();
        }
    }

    /**
     * DeleteBmp.
     *
     * @param station the station
     * @param previous what it had been added with, to add it back if a later call fails; null when bmpfleet did not
     *     add it and so does not know
     */
    record Delete(StationAddress station, StationConfig previous) implements BmpCall {
        public Delete {
            requireNonNull(station);
        }

        @Override
        public String line() {
            return station.deleteLine();
        }
    }
}
