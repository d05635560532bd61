package dev.kubesdk.codegen;

/**
 * The Java type of one model property, as the generated streaming TypeAdapter reads and writes it.
 * {@link FieldTypes#of} derives it from a property schema; {@link FieldCode} turns it into Java source.
 */
public sealed interface FieldType {
  /** The type as declared on the field, e.g. {@code List<V1Container>}. */
  String declaration();

  /** True when the value (or a value nested in it) is a {@code byte[]}, whose equality is by content. */
  boolean containsBytes();

  /** A JSON scalar read and written directly on the JsonReader/JsonWriter, without a delegate adapter. */
  enum Scalar implements FieldType {
    /** {@code type: string}. */
    STRING("String", "in.nextString()"),
    /** {@code type: integer}, {@code format: int32}. */
    INTEGER("Integer", "in.nextInt()"),
    /** {@code type: integer}, {@code format: int64}. */
    LONG("Long", "in.nextLong()"),
    /** {@code type: number}. */
    DOUBLE("Double", "in.nextDouble()"),
    /** {@code type: boolean}. */
    BOOLEAN("Boolean", "in.nextBoolean()"),
    /** Kubernetes {@code format: byte}: base64 text in JSON, the decoded bytes in Java. */
    BYTES("byte[]", "Base64.getDecoder().decode(in.nextString())");

    private final String declaration;
    private final String read;

    Scalar(String declaration, String read) {
      this.declaration = declaration;
      this.read = read;
    }

    @Override
    public String declaration() {
      return declaration;
    }

    @Override
    public boolean containsBytes() {
      return this == BYTES;
    }

    /** Expression reading a non-null value of this scalar from {@code in}. */
    public String read() {
      return read;
    }

    /** Statement writing {@code value} (possibly null) to {@code out}. */
    public String write(String value) {
      if (this == BYTES) {
        return "out.value(" + value + " == null ? null : Base64.getEncoder().encodeToString(" + value + "));";
      }
      return "out.value(" + value + ");";
    }
  }

  /**
   * A value read and written by a delegate TypeAdapter: a model class, a runtime value type, free-form JSON or
   * a date-time.
   *
   * @param declaration the Java type
   * @param adapterField name of the adapter field obtained once per Gson, or null when {@code adapter} is a
   *     constant
   * @param adapter the expression giving the adapter inside the generated adapter class
   * @param adapterInit the initializer of {@code adapterField} given a {@code gson}, or null for a constant
   */
  record Adapted(String declaration, String adapterField, String adapter, String adapterInit)
      implements FieldType {
    /**
     * A type whose adapter comes from {@code gson.getAdapter(Type.class)}, cached in a field on first use and
     * reached through the accessor method of the same name.
     */
    public static Adapted viaGson(String declaration) {
      String field = "adapter" + declaration.replace(".", "");
      return new Adapted(declaration, field, field + "()", "gson.getAdapter(" + declaration + ".class)");
    }

    /** A type whose adapter is a constant, like {@code DateTimes.TIME}. */
    public static Adapted constant(String declaration, String adapter) {
      return new Adapted(declaration, null, adapter, null);
    }

    @Override
    public boolean containsBytes() {
      return false;
    }
  }

  /** A JSON array. */
  record ListOf(FieldType element) implements FieldType {
    @Override
    public String declaration() {
      return "List<" + element.declaration() + ">";
    }

    @Override
    public boolean containsBytes() {
      return element.containsBytes();
    }
  }

  /** A JSON object with arbitrary keys. */
  record MapOf(FieldType value) implements FieldType {
    @Override
    public String declaration() {
      return "Map<String, " + value.declaration() + ">";
    }

    @Override
    public boolean containsBytes() {
      return value.containsBytes();
    }
  }
}
