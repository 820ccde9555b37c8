/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.systemtest;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Turns a RESTCONF answer, JSON or XML, into the sorted list of its leaves as {@code path=value}, so that the
 * two encodings of one datastore content compare equal and a document sent can be found in one read back.
 * List positions are left out of the paths; module prefixes are dropped from names and identity values.
 */
final class Documents {
    private static final Pattern IDENTITY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*:([A-Za-z_][A-Za-z0-9_.-]*)$");

    private Documents() {
        // static only
    }

    static List<String> leavesOfJson(final String json) {
        final var out = new ArrayList<String>();
        walk("", JsonParser.parseString(json), out);
        Collections.sort(out);
        return out;
    }

    static List<String> leavesOfXml(final String xml) throws Exception {
        final var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        final var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(
            StandardCharsets.UTF_8)));
        final var out = new ArrayList<String>();
        walk("", doc.getDocumentElement(), out);
        Collections.sort(out);
        return out;
    }

    private static void walk(final String path, final JsonElement element, final List<String> out) {
        if (element.isJsonObject()) {
            for (var entry : element.getAsJsonObject().entrySet()) {
                walk(path + "/" + local(entry.getKey()), entry.getValue(), out);
            }
        } else if (element.isJsonArray()) {
            for (var item : element.getAsJsonArray()) {
                walk(path, item, out);
            }
        } else if (element.isJsonNull()) {
            out.add(path + "=");
        } else {
            out.add(path + "=" + value(element.getAsString()));
        }
    }

    private static void walk(final String path, final Element element, final List<String> out) {
        final var here = path + "/" + element.getLocalName();
        boolean hasChildElements = false;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                hasChildElements = true;
                walk(here, childElement, out);
            }
        }
        if (!hasChildElements) {
            out.add(here + "=" + value(element.getTextContent().trim()));
        }
    }

    private static String local(final String name) {
        final int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private static String value(final String text) {
        final var identity = IDENTITY.matcher(text);
        return identity.matches() ? identity.group(1) : text;
    }
}
