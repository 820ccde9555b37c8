/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * Monitoring: the collector run from the intent's collector section, and its sessions published to the
 * operational datastore in batches.
 */
package io.bmpfleet.app.monitoring;
