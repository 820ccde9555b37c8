/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of left-aligned columns as IOS prints its {@code show} tables: a heading line, then one line per row, each
 * column as wide as its widest cell, two blanks between columns, no trailing blanks.
 */
final class Columns {
    private static final String GAP = "  ";

    private final List<String> headings;
    private final List<List<String>> rows = new ArrayList<>();

    Columns(final String... headings) {
        this.headings = List.of(headings);
    }

    /**
     * Adds a row; a null cell prints as {@code -}.
     *
     * @param cells one per heading
     * @return this table
     */
    Columns row(final Object... cells) {
        if (cells.length != headings.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headings.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : cell.toString()).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * The heading and the rows.
     *
     * @return the lines
     */
    List<String> lines() {
        final int[] widths = new int[headings.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headings.get(i).length();
            for (var row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        final var out = new ArrayList<String>(rows.size() + 1);
        out.add(line(headings, widths));
        rows.forEach(row -> out.add(line(row, widths)));
        return out;
    }

    private static String line(final List<String> cells, final int[] widths) {
        final var sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(GAP);
            }
            sb.append(cells.get(i));
            if (i < cells.size() - 1) {
                sb.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        return sb.toString().stripTrailing();
    }
}
