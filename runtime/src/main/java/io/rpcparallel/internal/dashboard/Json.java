package io.rpcparallel.internal.dashboard;

/** A small JSON writer: objects, arrays, strings, numbers; enough for the snapshot. */
final class Json {
  private final StringBuilder out = new StringBuilder(4096);
  /** Whether the next value in the current object or array needs a comma before it. */
  private boolean comma;

  Json begin() {
    return sep().raw('{', true);
  }

  Json end() {
    out.append('}');
    comma = true;
    return this;
  }

  Json beginArray() {
    return sep().raw('[', true);
  }

  Json endArray() {
    out.append(']');
    comma = true;
    return this;
  }

  Json key(String k) {
    sep();
    string(k);
    out.append(':');
    comma = false;
    return this;
  }

  Json value(String s) {
    sep();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    comma = true;
    return this;
  }

  Json value(long n) {
    sep();
    out.append(n);
    comma = true;
    return this;
  }

  Json value(double d) {
    sep();
    if (Double.isFinite(d)) {
      out.append(Math.round(d * 1000) / 1000.0);
    } else {
      out.append("null");
    }
    comma = true;
    return this;
  }

  Json value(boolean b) {
    sep();
    out.append(b);
    comma = true;
    return this;
  }

  Json nullValue() {
    sep();
    out.append("null");
    comma = true;
    return this;
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

  private Json raw(char c, boolean resetComma) {
    out.append(c);
    comma = !resetComma;
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
