/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a stream's own sending thread wait, without polling, until the client can take more: set as the call's
 * onReady and onCancel handler (gRPC calls it on the call's thread, so the sender must not be that thread).
 */
final class Readiness implements Runnable {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /**
     * A readiness set as the call's onReady and onCancel handler; call during the call's start.
     *
     * @param call the call
     * @return the readiness
     */
    static Readiness of(final ServerCallStreamObserver<?> call) {
        final var readiness = new Readiness();
        call.setOnReadyHandler(readiness);
        call.setOnCancelHandler(readiness);
        return readiness;
    }

    @Override
    public void run() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the client can take more, it went away, or the time is up.
     *
     * @param call the call
     * @param millis how long at the most
     * @return true when the call is ready (and not cancelled)
     * @throws InterruptedException when interrupted
     */
    boolean awaitReady(final ServerCallStreamObserver<?> call, final long millis) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(millis);
        lock.lock();
        try {
            // The handler signals under the same lock: a change between the check and the wait is not lost.
            while (!call.isReady() && !call.isCancelled() && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        return call.isReady() && !call.isCancelled();
    }
}
