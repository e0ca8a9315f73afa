/** Plumbing behind {@link dev.dltrack.tracker.Run}; not API. */
package dev.dltrack.tracker.internal;
