/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.app.push;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.opendaylight.mdsal.eos.binding.api.Entity;
import org.opendaylight.mdsal.eos.binding.api.EntityOwnershipService;
import org.opendaylight.mdsal.eos.common.api.CandidateAlreadyRegisteredException;
import org.opendaylight.yangtools.concepts.Registration;

/**
 * Which controller node pushes which device: one owner per device, decided by OpenDaylight's entity ownership
 * service (entity type {@code bmpfleet-device}, one entity per device name), so that the same code is right on a
 * three-node cluster; on one node it owns every device.
 */
public interface DeviceOwnership extends AutoCloseable {
    /** The entity type of a device. */
    String ENTITY_TYPE = "bmpfleet-device";

    /**
     * Becomes a candidate for a device.
     *
     * @param device the device's name
     */
    void track(String device);

    /**
     * Withdraws the candidacy.
     *
     * @param device the device's name
     */
    void untrack(String device);

    /**
     * Whether this node pushes the device now.
     *
     * @param device the device's name
     * @return true when it owns it
     */
    boolean owns(String device);

    @Override
    void close();

    /**
     * Ownership through the entity ownership service.
     *
     * @param eos the service
     * @param gained called (on the service's thread) with a device whose ownership this node gained
     * @return the ownership
     */
    static DeviceOwnership of(final EntityOwnershipService eos, final Consumer<String> gained) {
        return new Eos(eos, gained);
    }

    /**
     * Every device is this node's (tests, and the benchmark without a datastore cluster).
     *
     * @return the ownership
     */
    static DeviceOwnership local() {
        return new DeviceOwnership() {
            @Override
            public void track(final String device) {
                // always the owner
            }

            @Override
            public void untrack(final String device) {
                // nothing registered
            }

            @Override
            public boolean owns(final String device) {
                return true;
            }

            @Override
            public void close() {
                // nothing registered
            }
        };
    }

    /** The entity ownership service's view. */
    final class Eos implements DeviceOwnership {
        private final EntityOwnershipService eos;
        private final Registration listener;
        private final Map<String, Registration> candidates = new HashMap<>();
        private final Set<String> owned = ConcurrentHashMap.newKeySet();
        private final Map<Entity, String> names = new ConcurrentHashMap<>();

        Eos(final EntityOwnershipService eos, final Consumer<String> gained) {
            this.eos = eos;
            listener = eos.registerListener(ENTITY_TYPE, (entity, change, inJeopardy) -> {
                final var name = names.get(entity);
                if (name == null) {
                    return;
                }
                if (change.isOwner()) {
                    if (owned.add(name)) {
                        gained.accept(name);
                    }
                } else {
                    owned.remove(name);
                }
            });
        }

        @Override
        public synchronized void track(final String device) {
            if (candidates.containsKey(device)) {
                return;
            }
            final var entity = new Entity(ENTITY_TYPE, device);
            names.put(entity, device);
            try {
                candidates.put(device, eos.registerCandidate(entity));
            } catch (CandidateAlreadyRegisteredException e) {
                // Registered by an earlier instance of this component on this node: ours already.
                owned.add(device);
            }
        }

        @Override
        public synchronized void untrack(final String device) {
            final var registration = candidates.remove(device);
            if (registration != null) {
                registration.close();
            }
            names.remove(new Entity(ENTITY_TYPE, device));
            owned.remove(device);
        }

        @Override
        public boolean owns(final String device) {
            return owned.contains(device);
        }

        @Override
        public synchronized void close() {
            candidates.values().forEach(Registration::close);
            candidates.clear();
            listener.close();
        }
    }
}
