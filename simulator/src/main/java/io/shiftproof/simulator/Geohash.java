package io.shiftproof.simulator;

/**
 * Encodes a position as a geohash, the coarse cell the wire format carries instead of a position.
 */
final class Geohash {
  static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

  private Geohash() {}

  static String encode(double latitude, double longitude, int length) {
    double[] lat = {-90, 90};
    double[] lon = {-180, 180};
    StringBuilder cell = new StringBuilder(length);
    boolean lonBit = true;
    int bits = 0;
    int value = 0;
    while (cell.length() < length) {
      double[] range = lonBit ? lon : lat;
      double mid = (range[0] + range[1]) / 2;
      double coordinate = lonBit ? longitude : latitude;
      value <<= 1;
      if (coordinate >= mid) {
        value |= 1;
        range[0] = mid;
      } else {
        range[1] = mid;
      }
      lonBit = !lonBit;
      if (++bits == 5) {
        cell.append(ALPHABET.charAt(value));
        bits = 0;
        value = 0;
      }
    }
    return cell.toString();
  }
}
