/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a call through only with valid credentials: HTTP Basic in the {@code authorization} metadata entry, checked
 * against the {@link Authenticator} (OpenDaylight AAA, the same users as RESTCONF). Anything else is closed with
 * UNAUTHENTICATED before the service sees the call. The standard health service is open, so that load balancers
 * and probes need no login. A valid login is remembered for a minute (by a hash of user and password, never the
 * password itself) so that a client making many calls does not pay AAA's password hashing on each.
 */
final class BasicAuthInterceptor implements ServerInterceptor {
    /** The authenticated user of the current call. */
    static final Context.Key<String> USER = Context.key("bmpfleet-user");
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
        Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<String> OPEN = Set.of("grpc.health.v1.Health");
    private static final Duration REMEMBER = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 1024;

    private final Authenticator authenticator;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> valid = new ConcurrentHashMap<>();

    BasicAuthInterceptor(final Authenticator authenticator, final Clock clock) {
        this.authenticator = authenticator;
        this.clock = clock;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, R> call, final Metadata headers,
            final ServerCallHandler<Q, R> next) {
        if (OPEN.contains(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        final String user = user(headers.get(AUTHORIZATION));
        if (user == null) {
            call.close(Status.UNAUTHENTICATED.withDescription("bmpfleet needs the credentials of an OpenDaylight user"
                + " (the same as RESTCONF) as HTTP Basic in the 'authorization' metadata"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(USER, user), call, headers, next);
    }

    /** The user a header authenticates, or null. */
    private String user(final String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        final String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        final int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        final String user = decoded.substring(0, colon);
        final String password = decoded.substring(colon + 1);
        final String key = digest(decoded);
        final Instant now = clock.instant();
        final Instant until = valid.get(key);
        if (until != null && now.isBefore(until)) {
            return user;
        }
        if (!authenticator.check(user, password)) {
            valid.remove(key);
            return null;
        }
        if (valid.size() >= MAX_REMEMBERED) {
            valid.clear();
        }
        valid.put(key, now.plus(REMEMBER));
        return user;
    }

    private static String digest(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
