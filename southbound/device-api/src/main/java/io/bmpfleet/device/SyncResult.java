/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device;

import java.util.List;

/**
 * What one {@link DeviceDriver#sync} found and did.
 *
 * @param rendered the intent in the device's own dialect (what its read-back should show for BMP)
 * @param before the device's BMP configuration as read back before anything was sent, in its own dialect
 * @param changes the device-native commands or calls that bring the device to the intent, in order; empty when it
 *     was in sync
 * @param applied whether {@code changes} were sent (and then verified by reading back)
 * @param after the BMP configuration read back after applying, or {@code before} when nothing was sent
 * @param hostKey the SSH host key fingerprint the device presented, or null (no SSH)
 */
public record SyncResult(String rendered, String before, List<String> changes, boolean applied, String after,
        String hostKey) {

    public SyncResult {
        changes = List.copyOf(changes);
    }

    /**
     * Whether the device carried the intent before this sync.
     *
     * @return true when nothing needed to change
     */
    public boolean wasInSync() {
        return changes.isEmpty();
    }
}
