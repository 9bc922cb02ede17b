package io.shiftproof.cli.demo;

/**
 * The characters a {@link DayTimelineChart} draws with: block shades for terminals that show them,
 * and plain ASCII for those that do not (or where the shades are double width, as in some CJK
 * terminal fonts).
 *
 * @param offline no platform lane or state: the worker is offline
 * @param available online and waiting for orders
 * @param engaged a platform lane's engaged time: en route or on task, which one unknown
 * @param enRoute across platforms: heading to a pickup
 * @param onTask across platforms: executing an order
 * @param hourTick the mark of an hour on the time axis
 */
record ChartGlyphs(
    char offline, char available, char engaged, char enRoute, char onTask, char hourTick) {

  static final ChartGlyphs UNICODE = new ChartGlyphs('·', '░', '▓', '▒', '█', '╷');

  static final ChartGlyphs ASCII = new ChartGlyphs('.', '-', '*', '=', '#', '|');
}
