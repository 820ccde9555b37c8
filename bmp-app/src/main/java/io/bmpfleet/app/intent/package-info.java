/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
/**
 * The BMP intent: the rules YANG alone does not enforce in OpenDaylight's datastore (leafrefs,
 * {@code must}, {@code unique}), what each platform can carry, and the commit cohort that refuses
 * an intent breaking the rules.
 */
package io.bmpfleet.app.intent;
