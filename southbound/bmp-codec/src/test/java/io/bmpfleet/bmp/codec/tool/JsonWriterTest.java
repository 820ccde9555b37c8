package io.bmpfleet.bmp.codec.tool;

import static io.bmpfleet.bmp.codec.Wire.buf;
import static org.assertj.core.api.Assertions.assertThat;

import io.bmpfleet.bmp.codec.BmpDecodeException;
import io.bmpfleet.bmp.codec.BmpDecoder;
import io.bmpfleet.bmp.codec.Vectors;
import io.bmpfleet.bmp.codec.bgp.BgpSessionContext;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void escapesStrings() {
        final String control = "x\\y\n\t" + (char) 1 + (char) 0x2028;
        final String json = new JsonWriter().beginObject().field("a\"b", control).field("n", -1)
            .unsignedField("u", -1L).name("list").beginArray().value(true).value((String) null).endArray()
            .endObject().toString();
        assertThat(json).isEqualTo("{\"a\\\"b\":\"x\\\\y\\n\\t\\u0001\\u2028\",\"n\":-1,\"u\":18446744073709551615,"
            + "\"list\":[true,null]}");
    }

    @Test
    void routeMonitoringLine() throws BmpDecodeException {
        final String line = MessageJson.toJson(new BmpDecoder().decode(buf(Vectors.all().get("route-monitoring-v4")),
            peer -> BgpSessionContext.withAddPath(1, 1)), "192.0.2.99");
        assertThat(line).startsWith("{\"type\":\"route-monitoring\",\"router\":\"192.0.2.99\","
            + "\"peer\":{\"peer_type\":0,\"rd\":\"0:0\",\"address\":\"192.0.2.1\",\"as\":65001,"
            + "\"bgp_id\":\"10.0.0.1\",\"flags\":{\"v\":false,"
            + "\"l\":false,\"a\":false,\"o\":false,\"f\":false},\"timestamp\":\"1600000000.123456\"}");
        assertThat(line).contains("\"announced\":[{\"prefix\":\"198.51.100.0/24\",\"afi\":1,\"safi\":1,\"path_id\":1}");
        assertThat(line).contains("\"withdrawn\":[{\"prefix\":\"10.0.0.0/8\",\"afi\":1,\"safi\":1,\"path_id\":9}]");
        assertThat(line).contains("\"next_hop\":\"192.0.2.1\"");
    }

    @Test
    void statsAndErrorLines() throws BmpDecodeException {
        final String stats = MessageJson.toJson(new BmpDecoder().decode(buf(Vectors.all().get("stats")),
            peer -> BgpSessionContext.noAddPath()), "r");
        assertThat(stats).contains("{\"type\":9,\"afi\":1,\"safi\":1,\"value\":50}",
            "{\"type\":65531,\"raw\":\"00000001\"}");
        assertThat(MessageJson.error("r", 0, 12, "bad")).isEqualTo(
            "{\"type\":\"error\",\"router\":\"r\",\"bmp_type\":0,\"offset\":12,\"reason\":\"bad\"}");
    }
}
