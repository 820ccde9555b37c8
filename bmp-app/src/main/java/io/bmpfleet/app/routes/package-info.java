/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * Route lookups over the RIB store ({@link io.bmpfleet.app.api.RouteTables}) as every northbound API offers them:
 * which tables a selection picks ({@link io.bmpfleet.app.routes.TableSelection}), the lookup itself
 * ({@link io.bmpfleet.app.routes.RouteLookup}), the stored attribute sets decoded
 * ({@link io.bmpfleet.app.routes.RouteAttributes}) and the text forms of keys and families
 * ({@link io.bmpfleet.app.routes.RouteNames}), so that RESTCONF, gRPC and the shell answer alike. The RESTCONF
 * form is the {@code bmpfleet-state:lookup-route} RPC ({@link io.bmpfleet.app.routes.LookupRouteRpc}).
 */
package io.bmpfleet.app.routes;
