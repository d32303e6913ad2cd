package io.virtforge.value;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Helpers for "the reported position points at the offending character" properties: a valid formatted
 * value with one bad character inserted (or substituted) at a random index.
 */
final class InvalidInputs {
    private InvalidInputs() {
    }

    /** A string with {@code c} inserted before index {@code at} ({@code at == s.length()} appends). */
    static String insert(String s, int at, char c) {
        return s.substring(0, at) + c + s.substring(at);
    }

    /** A string with the character at {@code at} replaced by {@code c}. */
    static String replace(String s, int at, char c) {
        return s.substring(0, at) + c + s.substring(at + 1);
    }

    /**
     * Characters that belong to none of the value syntaxes (no ASCII digit, no separator, no space,
     * no letter of a unit spelling or a hex digit), including look-alike digits that
     * {@link Character#digit(char, int)} would accept: FULLWIDTH DIGIT ONE, ARABIC-INDIC DIGIT THREE,
     * FULLWIDTH LATIN CAPITAL A.
     */
    static Arbitrary<Character> badChars() {
        return Arbitraries.of('x', 'z', 'q', '#', '!', '+', ';', '/', '%', '"', '\u00e9', '\u00a0', '\uff11', '\u0663',
                '\uff21', '\u0000', '\n');
    }
}
