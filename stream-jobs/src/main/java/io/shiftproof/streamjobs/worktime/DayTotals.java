package io.shiftproof.streamjobs.worktime;

/**
 * The six totals of a working day (docs/design.md §5), in whole seconds.
 *
 * <p>Each total is measured exactly on the events' instants (whatever sub-second precision they
 * carry) and only then rounded down to whole seconds, so a total never claims time that did not
 * happen; the segments keep the exact instants.
 *
 * @param onlineSeconds measure of {@code state(t) ≥ AVAILABLE}
 * @param engagedSeconds measure of {@code state(t) ≥ EN_ROUTE}, the pilot's covered time
 * @param onTaskSeconds measure of {@code state(t) = ON_TASK}
 * @param multiAppSeconds measure of two or more platforms being online at once
 * @param platformSumSeconds sum over platforms of each platform's online time, as siloed counting
 *     reports it
 * @param longestStretchSeconds longest span of the day's engaged intervals after joining those
 *     separated by gaps shorter than the stretch join gap
 */
public record DayTotals(
    long onlineSeconds,
    long engagedSeconds,
    long onTaskSeconds,
    long multiAppSeconds,
    long platformSumSeconds,
    long longestStretchSeconds) {}
