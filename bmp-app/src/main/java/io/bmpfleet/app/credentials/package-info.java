/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * Device credentials: kept outside the datastore, set over RPC, never readable back.
 */
package io.bmpfleet.app.credentials;
