package io.rpcparallel.processor.model;

/** The eight primitive types, with the names the wire API uses for them. */
public enum PrimitiveKind {
  BOOLEAN("boolean", "Boolean", "Boolean"),
  BYTE("byte", "Byte", "Byte"),
  SHORT("short", "Short", "Short"),
  CHAR("char", "Character", "Char"),
  INT("int", "Integer", "Int"),
  LONG("long", "Long", "Long"),
  FLOAT("float", "Float", "Float"),
  DOUBLE("double", "Double", "Double");

  private final String keyword;
  private final String boxName;
  private final String wireSuffix;

  PrimitiveKind(String keyword, String boxName, String wireSuffix) {
    this.keyword = keyword;
    this.boxName = boxName;
    this.wireSuffix = wireSuffix;
  }

  /** The Java keyword: {@code long}. */
  public String keyword() {
    return keyword;
  }

  /** The simple name of the box in {@code java.lang}: {@code Long}. */
  public String boxName() {
    return boxName;
  }

  /** The suffix of {@code WireOutput.writeX} and {@code WireInput.readX}: {@code Long}. */
  public String wireSuffix() {
    return wireSuffix;
  }

  /** The name of the standard codec constant in {@code Codecs}: {@code LONG}. */
  public String codecConstant() {
    return name();
  }
}
