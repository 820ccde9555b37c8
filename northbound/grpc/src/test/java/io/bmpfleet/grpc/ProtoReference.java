/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API reference of the protos, made at build time from their comments: protoc writes a descriptor set with
 * source info (the protobuf plugin's {@code writeDescriptorSet}, {@code includeSourceInfoInDescriptorSet}), this
 * tool turns each file of it into {@code PACKAGE.md} and {@code PACKAGE.html} (services with their methods,
 * messages with their fields, enums with their values, in the file's order and under its section comments, types
 * linked). Run by the build ({@code process-test-classes}); its output lives in {@code target/} only.
 */
final class ProtoReference {
    // FileDescriptorProto, DescriptorProto, ServiceDescriptorProto and EnumDescriptorProto field numbers, as
    // SourceCodeInfo.Location paths use them (descriptor.proto).
    private static final int FILE_MESSAGE = 4;
    private static final int FILE_ENUM = 5;
    private static final int FILE_SERVICE = 6;
    private static final int MESSAGE_FIELD = 2;
    private static final int MESSAGE_NESTED = 3;
    private static final int MESSAGE_ENUM = 4;
    private static final int SERVICE_METHOD = 2;
    private static final int ENUM_VALUE = 2;

    /** One documented element: a section heading, a service, a message or an enum. */
    private sealed interface Entry permits Section, Service, Message, Enumeration {
    }

    private record Section(String title, String text) implements Entry {
    }

    private record Service(String name, String comment, List<Row> methods) implements Entry {
    }

    private record Message(String name, String comment, List<Row> fields) implements Entry {
    }

    private record Enumeration(String name, String comment, List<Row> values) implements Entry {
    }

    /**
     * A table row: a method (name, request, response), a field (name, number, type) or an enum value (name,
     * number); cells that hold a type name link it when it is of this file.
     */
    private record Row(List<String> cells, List<Integer> typeCells, String comment) {
    }

    private final FileDescriptorProto file;
    private final Map<List<Integer>, SourceCodeInfo.Location> locations = new HashMap<>();
    private final Set<String> localTypes = new HashSet<>();
    private final String packagePrefix;

    private ProtoReference(final FileDescriptorProto file) {
        this.file = file;
        for (var location : file.getSourceCodeInfo().getLocationList()) {
            locations.putIfAbsent(location.getPathList(), location);
        }
        packagePrefix = "." + file.getPackage() + ".";
        for (var message : file.getMessageTypeList()) {
            collectTypes("", message);
        }
        file.getEnumTypeList().forEach(e -> localTypes.add(e.getName()));
    }

    /**
     * Writes the reference of every file of a descriptor set.
     *
     * @param args the descriptor set (with source info), the output directory
     * @throws IOException when the set cannot be read or the reference not written
     */
    public static void main(final String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ProtoReference DESCRIPTOR_SET OUTPUT_DIRECTORY");
        }
        final var set = FileDescriptorSet.parseFrom(Files.readAllBytes(Path.of(args[0])));
        final var out = Path.of(args[1]);
        Files.createDirectories(out);
        for (var file : set.getFileList()) {
            if (!file.hasSourceCodeInfo()) {
                throw new IllegalStateException(file.getName() + " has no source info: protoc must be run with"
                    + " --include_source_info (includeSourceInfoInDescriptorSet)");
            }
            final var reference = new ProtoReference(file);
            final var entries = reference.entries();
            Files.writeString(out.resolve(file.getPackage() + ".md"), reference.markdown(entries),
                StandardCharsets.UTF_8);
            Files.writeString(out.resolve(file.getPackage() + ".html"), reference.html(entries),
                StandardCharsets.UTF_8);
        }
    }

    private void collectTypes(final String outer, final DescriptorProto message) {
        final var name = outer + message.getName();
        localTypes.add(name);
        message.getNestedTypeList().forEach(nested -> collectTypes(name + ".", nested));
        message.getEnumTypeList().forEach(e -> localTypes.add(name + "." + e.getName()));
    }

    // ------------------------------------------------------------------------------------------------- the model

    /** The file's top-level elements in source order, each after the section comments that precede it. */
    private List<Entry> entries() {
        record TopLevel(int line, List<Integer> path, Runnable add) {
        }

        final var out = new ArrayList<Entry>();
        final var top = new ArrayList<TopLevel>();
        for (int i = 0; i < file.getServiceCount(); i++) {
            final var path = List.of(FILE_SERVICE, i);
            final var service = file.getService(i);
            top.add(new TopLevel(line(path), path, () -> out.add(service(service, path))));
        }
        for (int i = 0; i < file.getMessageTypeCount(); i++) {
            final var path = List.of(FILE_MESSAGE, i);
            final var message = file.getMessageType(i);
            top.add(new TopLevel(line(path), path, () -> message("", message, path, out)));
        }
        for (int i = 0; i < file.getEnumTypeCount(); i++) {
            final var path = List.of(FILE_ENUM, i);
            final var enumeration = file.getEnumType(i);
            top.add(new TopLevel(line(path), path, () -> out.add(enumeration("", enumeration, path))));
        }
        top.sort(Comparator.comparingInt(TopLevel::line));
        for (var element : top) {
            final var location = locations.get(element.path());
            if (location != null) {
                location.getLeadingDetachedCommentsList().forEach(comment -> out.add(section(comment)));
            }
            element.add().run();
        }
        return out;
    }

    private int line(final List<Integer> path) {
        final var location = locations.get(path);
        return location == null || location.getSpanCount() == 0 ? Integer.MAX_VALUE : location.getSpan(0);
    }

    /** A comment apart from any element: a heading when it starts with a rule of dashes, else plain text. */
    private static Section section(final String comment) {
        final var lines = new ArrayList<>(comment.lines().map(String::strip).toList());
        boolean ruled = false;
        while (!lines.isEmpty() && (lines.get(0).isEmpty() || lines.get(0).matches("[-=*/]{3,}"))) {
            ruled |= !lines.get(0).isEmpty();
            lines.remove(0);
        }
        final var text = String.join("\n", lines).strip();
        if (!ruled || text.isEmpty()) {
            return new Section("", text);
        }
        // "Common" is a title; "Routes: lookups in ..." is titled by what comes before its colon.
        if (lines.size() == 1 && !text.contains(":") && !text.endsWith(".")) {
            return new Section(text, "");
        }
        final int colon = lines.get(0).indexOf(':');
        return colon > 0 && colon <= 40 ? new Section(lines.get(0).substring(0, colon), text) : new Section("", text);
    }

    private Service service(final ServiceDescriptorProto service, final List<Integer> path) {
        final var rows = new ArrayList<Row>();
        for (int i = 0; i < service.getMethodCount(); i++) {
            final var method = service.getMethod(i);
            rows.add(new Row(List.of(method.getName(),
                (method.getClientStreaming() ? "stream " : "") + type(method.getInputType()),
                (method.getServerStreaming() ? "stream " : "") + type(method.getOutputType())),
                List.of(1, 2), comment(append(path, SERVICE_METHOD, i))));
        }
        return new Service(service.getName(), comment(path), rows);
    }

    private void message(final String outer, final DescriptorProto message, final List<Integer> path,
            final List<Entry> out) {
        if (message.getOptions().getMapEntry()) {
            return;
        }
        final var name = outer + message.getName();
        final var maps = new HashMap<String, String>();
        for (var nested : message.getNestedTypeList()) {
            if (nested.getOptions().getMapEntry()) {
                maps.put(name + "." + nested.getName(), "map<" + fieldType(nested.getField(0)) + ", "
                    + fieldType(nested.getField(1)) + ">");
            }
        }
        final var rows = new ArrayList<Row>();
        for (int i = 0; i < message.getFieldCount(); i++) {
            final var field = message.getField(i);
            final var map = field.getTypeName().startsWith(packagePrefix)
                ? maps.get(field.getTypeName().substring(packagePrefix.length())) : null;
            final String label;
            if (map != null) {
                label = "";
            } else if (field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
                label = "repeated";
            } else if (field.getProto3Optional()) {
                label = "optional";
            } else if (field.hasOneofIndex()) {
                label = "oneof " + message.getOneofDecl(field.getOneofIndex()).getName();
            } else {
                label = "";
            }
            rows.add(new Row(List.of(field.getName(), String.valueOf(field.getNumber()),
                map != null ? map : fieldType(field), label), List.of(2),
                comment(append(path, MESSAGE_FIELD, i))));
        }
        out.add(new Message(name, comment(path), rows));
        for (int i = 0; i < message.getNestedTypeCount(); i++) {
            message(name + ".", message.getNestedType(i), append(path, MESSAGE_NESTED, i), out);
        }
        for (int i = 0; i < message.getEnumTypeCount(); i++) {
            out.add(enumeration(name + ".", message.getEnumType(i), append(path, MESSAGE_ENUM, i)));
        }
    }

    private Enumeration enumeration(final String outer, final EnumDescriptorProto enumeration,
            final List<Integer> path) {
        final var rows = new ArrayList<Row>();
        for (int i = 0; i < enumeration.getValueCount(); i++) {
            final var value = enumeration.getValue(i);
            rows.add(new Row(List.of(value.getName(), String.valueOf(value.getNumber())), List.of(),
                comment(append(path, ENUM_VALUE, i))));
        }
        return new Enumeration(outer + enumeration.getName(), comment(path), rows);
    }

    private String fieldType(final FieldDescriptorProto field) {
        return switch (field.getType()) {
            case TYPE_MESSAGE, TYPE_ENUM -> type(field.getTypeName());
            default -> field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
        };
    }

    /** A type name as the file writes it: its own types without the package, others in full. */
    private String type(final String fullName) {
        return fullName.startsWith(packagePrefix) ? fullName.substring(packagePrefix.length())
            : fullName.startsWith(".") ? fullName.substring(1) : fullName;
    }

    /** The leading and trailing comments of an element, one space of each line's indent dropped. */
    private String comment(final List<Integer> path) {
        final var location = locations.get(path);
        if (location == null) {
            return "";
        }
        final var text = new StringBuilder();
        for (var part : List.of(location.getLeadingComments(), location.getTrailingComments())) {
            final var lines = part.lines().map(l -> l.startsWith(" ") ? l.substring(1) : l)
                .collect(Collectors.joining("\n")).strip();
            if (!lines.isEmpty()) {
                text.append(text.length() == 0 ? "" : "\n").append(lines);
            }
        }
        return text.toString();
    }

    private static List<Integer> append(final List<Integer> path, final int field, final int index) {
        final var out = new ArrayList<>(path);
        out.add(field);
        out.add(index);
        return out;
    }

    // ---------------------------------------------------------------------------------------------- the writers

    private String fileComment() {
        // The comment above 'syntax' (path [12]) describes the file.
        final var location = locations.get(List.of(12));
        if (location == null) {
            return "";
        }
        final var text = new ArrayList<String>();
        location.getLeadingDetachedCommentsList().forEach(c -> text.add(c.strip()));
        if (!location.getLeadingComments().isBlank()) {
            text.add(location.getLeadingComments().strip());
        }
        return text.stream().map(t -> t.lines().map(String::strip).collect(Collectors.joining("\n")))
            .collect(Collectors.joining("\n\n"));
    }

    private String markdown(final List<Entry> entries) {
        final var md = new StringBuilder();
        md.append("# ").append(file.getPackage()).append(" API reference\n\n")
            .append("Generated at build time from the comments of `").append(file.getName())
            .append("`; the proto file is the source.\n\n");
        final var intro = fileComment();
        if (!intro.isEmpty()) {
            md.append(intro).append("\n\n");
        }
        md.append("Services: ").append(entries.stream().filter(Service.class::isInstance)
            .map(e -> "[" + ((Service) e).name() + "](#" + anchor(((Service) e).name()) + ")")
            .collect(Collectors.joining(", "))).append("\n\n");
        for (var entry : entries) {
            if (entry instanceof Section section) {
                if (!section.title().isEmpty()) {
                    md.append("## ").append(section.title()).append("\n\n");
                }
                if (!section.text().isEmpty()) {
                    md.append(section.text()).append("\n\n");
                }
            } else if (entry instanceof Service service) {
                markdownTable(md, "service " + service.name(), service.name(), service.comment(),
                    List.of("Method", "Request", "Response", "Description"), service.methods());
            } else if (entry instanceof Message message) {
                markdownTable(md, "message " + message.name(), message.name(), message.comment(),
                    List.of("Field", "Number", "Type", "Label", "Description"), message.fields());
            } else if (entry instanceof Enumeration enumeration) {
                markdownTable(md, "enum " + enumeration.name(), enumeration.name(), enumeration.comment(),
                    List.of("Name", "Number", "Description"), enumeration.values());
            }
        }
        return md.toString();
    }

    private void markdownTable(final StringBuilder md, final String title, final String name, final String comment,
            final List<String> header, final List<Row> rows) {
        md.append("### <a id=\"").append(anchor(name)).append("\"></a>").append(title).append("\n\n");
        if (!comment.isEmpty()) {
            md.append(comment).append("\n\n");
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> md.append(" --- |"));
        md.append('\n');
        for (var row : rows) {
            md.append('|');
            for (int i = 0; i < row.cells().size(); i++) {
                final var cell = row.cells().get(i);
                md.append(' ').append(row.typeCells().contains(i) ? markdownType(cell)
                    : cell.isEmpty() ? "" : "`" + cell + "`").append(" |");
            }
            md.append(' ').append(row.comment().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        md.append('\n');
    }

    private String markdownType(final String cell) {
        final var stream = cell.startsWith("stream ");
        final var name = stream ? cell.substring("stream ".length()) : cell;
        final var text = localTypes.contains(name) ? "[" + name + "](#" + anchor(name) + ")" : "`" + name + "`";
        return stream ? "stream " + text : text;
    }

    private String html(final List<Entry> entries) {
        final var html = new StringBuilder();
        final var title = escape(file.getPackage()) + " API reference";
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(title)
            .append("</title>\n<style>\nbody { font-family: sans-serif; max-width: 72em; margin: 2em auto;"
                + " padding: 0 1em; line-height: 1.4; }\ntable { border-collapse: collapse; margin-bottom: 1.5em; }\n"
                + "th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }\n"
                + "th { background: #f3f3f3; }\ncode { font-size: 0.95em; }\nh3 { margin-top: 1.8em; }\n"
                + "p.comment { white-space: pre-line; }\n</style>\n</head>\n<body>\n<h1>").append(title)
            .append("</h1>\n<p>Generated at build time from the comments of <code>").append(escape(file.getName()))
            .append("</code>; the proto file is the source.</p>\n");
        final var intro = fileComment();
        if (!intro.isEmpty()) {
            html.append("<p class=\"comment\">").append(escape(intro)).append("</p>\n");
        }
        html.append("<h2>Contents</h2>\n<ul>\n");
        for (var entry : entries) {
            if (entry instanceof Section section && !section.title().isEmpty()) {
                html.append("<li>").append(escape(section.title())).append("</li>\n");
            } else if (entry instanceof Service service) {
                html.append("<li>service <a href=\"#").append(anchor(service.name())).append("\">")
                    .append(escape(service.name())).append("</a></li>\n");
            }
        }
        html.append("</ul>\n");
        for (var entry : entries) {
            if (entry instanceof Section section) {
                if (!section.title().isEmpty()) {
                    html.append("<h2>").append(escape(section.title())).append("</h2>\n");
                }
                if (!section.text().isEmpty()) {
                    html.append("<p class=\"comment\">").append(escape(section.text())).append("</p>\n");
                }
            } else if (entry instanceof Service service) {
                htmlTable(html, "service", service.name(), service.comment(),
                    List.of("Method", "Request", "Response", "Description"), service.methods());
            } else if (entry instanceof Message message) {
                htmlTable(html, "message", message.name(), message.comment(),
                    List.of("Field", "Number", "Type", "Label", "Description"), message.fields());
            } else if (entry instanceof Enumeration enumeration) {
                htmlTable(html, "enum", enumeration.name(), enumeration.comment(),
                    List.of("Name", "Number", "Description"), enumeration.values());
            }
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private void htmlTable(final StringBuilder html, final String kind, final String name, final String comment,
            final List<String> header, final List<Row> rows) {
        html.append("<h3 id=\"").append(anchor(name)).append("\">").append(kind).append(" <code>")
            .append(escape(name)).append("</code></h3>\n");
        if (!comment.isEmpty()) {
            html.append("<p class=\"comment\">").append(escape(comment)).append("</p>\n");
        }
        if (rows.isEmpty()) {
            return;
        }
        html.append("<table>\n<tr>");
        header.forEach(h -> html.append("<th>").append(h).append("</th>"));
        html.append("</tr>\n");
        for (var row : rows) {
            html.append("<tr>");
            for (int i = 0; i < row.cells().size(); i++) {
                final var cell = row.cells().get(i);
                html.append("<td>").append(row.typeCells().contains(i) ? htmlType(cell)
                    : cell.isEmpty() ? "" : "<code>" + escape(cell) + "</code>").append("</td>");
            }
            html.append("<td>").append(escape(row.comment()).replace("\n", "<br>")).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private String htmlType(final String cell) {
        final var stream = cell.startsWith("stream ");
        final var name = stream ? cell.substring("stream ".length()) : cell;
        final var text = localTypes.contains(name)
            ? "<a href=\"#" + anchor(name) + "\"><code>" + escape(name) + "</code></a>"
            : "<code>" + escape(name) + "</code>";
        return stream ? "stream " + text : text;
    }

    private static String anchor(final String name) {
        return name.toLowerCase(Locale.ROOT).replace('.', '-');
    }

    private static String escape(final String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
