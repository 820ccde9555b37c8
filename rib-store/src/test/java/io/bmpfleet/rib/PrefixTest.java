/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.rib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.1.2.3/8, 10.0.0.0/8",
        "10.1.2.3, 10.1.2.3/32",
        "0.0.0.0/0, 0.0.0.0/0",
        "255.255.255.255/31, 255.255.255.254/31",
        "2001:db8:1::1/32, 2001:db8:0:0:0:0:0:0/32",
        "2001:db8::1, 2001:db8:0:0:0:0:0:1/128",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/65, ffff:ffff:ffff:ffff:8000:0:0:0/65",
        "::/0, 0:0:0:0:0:0:0:0/0",
    })
    void parseClearsHostBits(final String text, final String expected) {
        assertThat(Prefix.parse(text)).hasToString(expected);
        assertThat(Prefix.parse(expected)).isEqualTo(Prefix.parse(text));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8, 10.1.0.0/16, true",
        "10.0.0.0/8, 10.0.0.0/8, true",
        "10.0.0.0/8, 10.0.0.0/7, false",
        "10.0.0.0/8, 11.0.0.0/16, false",
        "0.0.0.0/0, 1.2.3.4/32, true",
        "2001:db8::/32, 2001:db8:ffff::/48, true",
        "2001:db8::/32, 2001:db9::/48, false",
        "2001:db8::/96, 2001:db8::1:0:0/112, false",
        "2001:db8::/96, 2001:db8::ffff/128, true",
        "10.0.0.0/8, 2001:db8::/32, false",
    })
    void contains(final String outer, final String inner, final boolean expected) {
        assertThat(Prefix.parse(outer).contains(Prefix.parse(inner))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "NLRI {1} bits")
    @CsvSource({
        "false, 24, 0a0102, 10.1.2.0/24",
        "false, 0, '', 0.0.0.0/0",
        "false, 17, c0a880, 192.168.128.0/17",
        "true, 48, 20010db80001, 2001:db8:1:0:0:0:0:0/48",
    })
    void fromNlri(final boolean ipv6, final int length, final String hex, final String expected) {
        final var bytes = new byte[hex.length() / 2 + 1];
        for (int i = 0; i < hex.length() / 2; i++) {
            bytes[i + 1] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        assertThat(Prefix.fromNlri(ipv6, bytes, 1, length)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({ "10.0.0.0/33", "2001:db8::/129", "example.com/8", "10.0.0.0/-1",
        // hex words and inet_aton shorthand: once handed to InetAddress (a DNS lookup for "beef")
        "beef", "dead/16", "10.1/16", "10", "10.0.0.256/32", "10.0.0.0/", "10.0.0.0/+8", "10.0.0.0/8/8",
        "1.2.3.4.5", "2001:db8::zz/32", "::1/1x" })
    void refusesBadText(final String text) {
        assertThatThrownBy(() -> Prefix.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
