package io.rpcparallel.internal.dashboard;

/** A small JSON writer: objects, arrays, strings, numbers; enough for the snapshot. */
final class Json {
  private final StringBuilder out = new StringBuilder(4096);
  /** Whether the next value in the current object or array needs a comma before it. */
  private boolean comma;

  Json begin() {
    return open('{');
  }

  Json end() {
    return close('}');
  }

  Json beginArray() {
    return open('[');
  }

  Json endArray() {
    return close(']');
  }

  Json key(String k) {
    sep();
    string(k);
    out.append(':');
    comma = false;
    return this;
  }

  Json value(String s) {
    if (s == null) {
      return nullValue();
    }
    sep();
    string(s);
    comma = true;
    return this;
  }

  Json value(long n) {
    return literal(n);
  }

  /** A number to three decimals; null for NaN or an infinity. */
  Json value(double d) {
    return Double.isFinite(d) ? literal(Math.round(d * 1000) / 1000.0) : nullValue();
  }

  Json value(boolean b) {
    return literal(b);
  }

  Json nullValue() {
    return literal("null");
  }

  Json field(String k, String v) {
    return key(k).value(v);
  }

  Json field(String k, long v) {
    return key(k).value(v);
  }

  Json field(String k, double v) {
    return key(k).value(v);
  }

  /** A number, or null for an absent one. */
  Json fieldOrNull(String k, Number v) {
    key(k);
    if (v == null) {
      return nullValue();
    }
    return v instanceof Double || v instanceof Float ? value(v.doubleValue()) : value(v.longValue());
  }

  Json field(String k, boolean v) {
    return key(k).value(v);
  }

  private Json sep() {
    if (comma) {
      out.append(',');
      comma = false;
    }
    return this;
  }

  /** Opens an object or array: its first member needs no comma. */
  private Json open(char c) {
    sep();
    out.append(c);
    comma = false;
    return this;
  }

  /** Closes an object or array: a comma goes before what follows it. */
  private Json close(char c) {
    out.append(c);
    comma = true;
    return this;
  }

  /** Writes {@code v} as it prints (a number, a boolean, null); a comma goes before what follows. */
  private Json literal(Object v) {
    sep();
    out.append(v);
    comma = true;
    return this;
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // Control characters, and < > & so that no text can close a script or comment anywhere.
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
