package io.bmpfleet.bmp.codec.tool;

/**
 * A minimal streaming JSON writer: enough for one object per line, no library needed.
 */
final class JsonWriter {
    private final StringBuilder sb = new StringBuilder(256);
    private boolean needComma;

    JsonWriter beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    JsonWriter endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    JsonWriter beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    JsonWriter endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    JsonWriter name(final String name) {
        comma();
        string(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    JsonWriter value(final String value) {
        comma();
        if (value == null) {
            sb.append("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    JsonWriter value(final long value) {
        comma();
        sb.append(value);
        needComma = true;
        return this;
    }

    JsonWriter value(final boolean value) {
        comma();
        sb.append(value);
        needComma = true;
        return this;
    }

    JsonWriter field(final String name, final String value) {
        return name(name).value(value);
    }

    JsonWriter field(final String name, final long value) {
        return name(name).value(value);
    }

    JsonWriter field(final String name, final boolean value) {
        return name(name).value(value);
    }

    /**
     * Writes an unsigned 64-bit value.
     */
    JsonWriter unsignedField(final String name, final long value) {
        name(name);
        comma();
        sb.append(Long.toUnsignedString(value));
        needComma = true;
        return this;
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    private void string(final String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            final char ch = value.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20 || ch >= 0x7F && ch < 0xA0 || ch == 0x2028 || ch == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
