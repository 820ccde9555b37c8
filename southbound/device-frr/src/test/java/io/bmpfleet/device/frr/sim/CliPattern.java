/*
 * bmpfleet - BMP intent for a fleet of routers.
 */
package io.bmpfleet.device.frr.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One command of the simulated CLI, written in the notation of FRR's command definitions (the subset the
 * simulator needs): keywords; {@code WORD}-like upper-case variables (any word); {@code (1-65535)} ranges;
 * {@code A.B.C.D} and {@code X:X::X:X} addresses; {@code [optional]}; {@code <one|other>} (exactly one);
 * {@code {one|other}} (at least one, each at most once, in any order). A keyword or variable followed by
 * {@code $name} binds its word to that name; a keyword without one binds itself to its own text.
 *
 * <p>Typed words are matched as FRR does it for a command line: a complete match runs the command, words that
 * match so far but stop early make "Command incomplete", anything else "Unknown command". Keywords must be
 * typed in full (FRR also takes unique abbreviations; the simulator does not).
 */
final class CliPattern {
    /** How typed words relate to a pattern; later constants are better. */
    enum Outcome {
        NO_MATCH,
        INCOMPLETE,
        MATCH
    }

    /**
     * The result of matching.
     *
     * @param outcome how well the words matched
     * @param values the bound words, when matched
     */
    record Match(Outcome outcome, Map<String, String> values) {
        static final Match NONE = new Match(Outcome.NO_MATCH, Map.of());
        static final Match INCOMPLETE = new Match(Outcome.INCOMPLETE, Map.of());

        Match better(final Match other) {
            return other.outcome.compareTo(outcome) > 0 ? other : this;
        }
    }

    private sealed interface Element permits Keyword, Variable, Optional, Choice, AnyOrder {
    }

    private record Keyword(String word, String name) implements Element {
    }

    private enum Kind {
        WORD,
        RANGE,
        IPV4,
        IPV6
    }

    private record Variable(Kind kind, long min, long max, String name) implements Element {
        boolean accepts(final String word) {
            return switch (kind) {
                case WORD -> true;
                case IPV4 -> InetText.parse4(word) != null;
                case IPV6 -> InetText.parse6(word) != null;
                case RANGE -> {
                    if (word.isEmpty() || word.length() > 18 || !word.chars().allMatch(Character::isDigit)) {
                        yield false;
                    }
                    final long value = Long.parseLong(word);
                    yield value >= min && value <= max;
                }
            };
        }
    }

    private record Optional(List<Element> body) implements Element {
    }

    private record Choice(List<List<Element>> alternatives) implements Element {
    }

    /** {@code {a|b}}: {@code used} marks the options taken; {@code required} whether one must still come. */
    private record AnyOrder(List<List<Element>> options, int used, boolean required) implements Element {
    }

    private final String text;
    private final List<Element> elements;

    private CliPattern(final String text, final List<Element> elements) {
        this.text = text;
        this.elements = elements;
    }

    /**
     * Parses a pattern.
     *
     * @param text e.g. {@code [no$no] bmp listener <X:X::X:X$addr|A.B.C.D$addr> port (1-65535)$port}
     * @return the pattern
     */
    static CliPattern of(final String text) {
        final var tokens = tokens(text);
        final int[] at = {0};
        final var elements = sequence(tokens, at);
        if (at[0] != tokens.size()) {
            throw new IllegalArgumentException("unbalanced pattern: " + text);
        }
        return new CliPattern(text, elements);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Matches typed words.
     *
     * @param words the command line split at blanks
     * @return the best match over the pattern's alternatives
     */
    Match match(final List<String> words) {
        return match(elements, words, 0, Map.of());
    }

    private static Match match(final List<Element> rest, final List<String> words, final int at,
            final Map<String, String> values) {
        if (rest.isEmpty()) {
            return at == words.size() ? new Match(Outcome.MATCH, values) : Match.NONE;
        }
        if (at == words.size()) {
            return rest.stream().allMatch(CliPattern::canBeEmpty) ? new Match(Outcome.MATCH, values)
                : Match.INCOMPLETE;
        }
        final var head = rest.get(0);
        final var tail = rest.subList(1, rest.size());
        final var word = words.get(at);
        if (head instanceof Keyword keyword) {
            return keyword.word().equals(word) ? match(tail, words, at + 1, bind(values, keyword.name(), word))
                : Match.NONE;
        }
        if (head instanceof Variable variable) {
            return variable.accepts(word) ? match(tail, words, at + 1, bind(values, variable.name(), word))
                : Match.NONE;
        }
        if (head instanceof Optional optional) {
            return match(concat(optional.body(), tail), words, at, values).better(match(tail, words, at, values));
        }
        if (head instanceof Choice choice) {
            var best = Match.NONE;
            for (var alternative : choice.alternatives()) {
                best = best.better(match(concat(alternative, tail), words, at, values));
            }
            return best;
        }
        final var any = (AnyOrder) head;
        var best = any.required() ? Match.NONE : match(tail, words, at, values);
        for (int i = 0; i < any.options().size(); i++) {
            if ((any.used() & (1 << i)) == 0) {
                final var next = new ArrayList<>(any.options().get(i));
                next.add(new AnyOrder(any.options(), any.used() | (1 << i), false));
                best = best.better(match(concat(next, tail), words, at, values));
            }
        }
        return best;
    }

    private static boolean canBeEmpty(final Element element) {
        if (element instanceof Optional) {
            return true;
        }
        if (element instanceof AnyOrder any) {
            return !any.required();
        }
        if (element instanceof Choice choice) {
            return choice.alternatives().stream().anyMatch(a -> a.stream().allMatch(CliPattern::canBeEmpty));
        }
        return false;
    }

    private static Map<String, String> bind(final Map<String, String> values, final String name,
            final String word) {
        final var copy = new HashMap<>(values);
        copy.put(name, word);
        return copy;
    }

    private static List<Element> concat(final List<Element> first, final List<Element> second) {
        final var all = new ArrayList<Element>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    private static List<String> tokens(final String text) {
        final var tokens = new ArrayList<String>();
        final var word = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if ("[]<>{}| ".indexOf(ch) >= 0) {
                if (!word.isEmpty()) {
                    tokens.add(word.toString());
                    word.setLength(0);
                }
                if (ch != ' ') {
                    tokens.add(String.valueOf(ch));
                }
            } else {
                word.append(ch);
            }
        }
        if (!word.isEmpty()) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    /** Elements up to a closing bracket or {@code |} (not consumed). */
    private static List<Element> sequence(final List<String> tokens, final int[] at) {
        final var elements = new ArrayList<Element>();
        while (at[0] < tokens.size()) {
            final var token = tokens.get(at[0]);
            switch (token) {
                case "]", ">", "}", "|" -> {
                    return elements;
                }
                case "[" -> {
                    at[0]++;
                    elements.add(new Optional(sequence(tokens, at)));
                    expect(tokens, at, "]");
                }
                case "<" -> elements.add(new Choice(alternatives(tokens, at, ">")));
                case "{" -> elements.add(new AnyOrder(alternatives(tokens, at, "}"), 0, true));
                default -> {
                    at[0]++;
                    elements.add(atom(token));
                }
            }
        }
        return elements;
    }

    private static List<List<Element>> alternatives(final List<String> tokens, final int[] at, final String close) {
        final var alternatives = new ArrayList<List<Element>>();
        do {
            at[0]++;
            alternatives.add(sequence(tokens, at));
        } while (at[0] < tokens.size() && tokens.get(at[0]).equals("|"));
        expect(tokens, at, close);
        if (alternatives.size() > 30) {
            throw new IllegalArgumentException("too many options");
        }
        return alternatives;
    }

    private static void expect(final List<String> tokens, final int[] at, final String close) {
        if (at[0] >= tokens.size() || !tokens.get(at[0]).equals(close)) {
            throw new IllegalArgumentException("expected " + close + " in " + tokens);
        }
        at[0]++;
    }

    private static Element atom(final String token) {
        final int dollar = token.indexOf('$');
        final var spec = dollar < 0 ? token : token.substring(0, dollar);
        final var name = dollar < 0 ? spec : token.substring(dollar + 1);
        if (spec.equals("A.B.C.D")) {
            return new Variable(Kind.IPV4, 0, 0, name);
        }
        if (spec.equals("X:X::X:X")) {
            return new Variable(Kind.IPV6, 0, 0, name);
        }
        if (spec.startsWith("(") && spec.endsWith(")")) {
            final var bounds = spec.substring(1, spec.length() - 1).split("-");
            return new Variable(Kind.RANGE, Long.parseLong(bounds[0]), Long.parseLong(bounds[1]), name);
        }
        if (spec.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '_')) {
            return new Variable(Kind.WORD, 0, 0, name);
        }
        return new Keyword(spec, name);
    }
}
