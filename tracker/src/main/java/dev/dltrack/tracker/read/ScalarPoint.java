package dev.dltrack.tracker.read;

/** One scalar value at a step; the wall time in seconds since the epoch. */
public record ScalarPoint(long step, double wallTime, double value) {}
