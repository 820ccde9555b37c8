/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device;

/**
 * One platform's driver: renders a device's {@link DeviceIntent} into the platform's own configuration, reads back
 * what the device has, and applies only the difference. Drivers are published as OSGi services; the reconciler in
 * bmp-app picks one by {@link #platform()}.
 *
 * <p>A driver never throws with a secret in the message, and a push that fails halfway restores what the device had
 * before (or says in the exception that it could not).
 */
public interface DeviceDriver {

    /**
     * Which platform this driver serves: the local name of the intent's platform identity ({@code frr},
     * {@code gobgp}, {@code cisco-ios}).
     *
     * @return the platform name
     */
    String platform();

    /**
     * The intent in the device's own dialect, as its BMP read-back shows it when in sync. Pure: contacts nothing.
     *
     * @param intent the device's intent
     * @return configuration text
     */
    String render(DeviceIntent intent);

    /**
     * Reads the device's BMP configuration back and compares it with the intent; in {@link Mode#APPLY} sends the
     * difference and verifies it by reading back again.
     *
     * @param endpoint how to reach the device
     * @param intent what it must carry
     * @param mode whether to change anything
     * @return what was found and done
     * @throws DeviceException when the device cannot be reached, refuses, or does not end up as intended
     */
    SyncResult sync(Endpoint endpoint, DeviceIntent intent, Mode mode) throws DeviceException;

    /** Whether a sync may change the device. */
    enum Mode {
        /** Read back and compare; send nothing. */
        CHECK,
        /** Send the difference, then read back and verify. */
        APPLY
    }
}
