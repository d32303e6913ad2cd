package io.virtforge.xml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one parse by {@link XmlParser}: a cursor over the characters, the stack of open elements
 * and the text run being collected. Open elements live in arrays rather than on the Java stack, so the
 * nesting depth is bounded by {@link XmlLimits#maxDepth()} only; every construct is read in one forward
 * pass, and text runs grow in one buffer, so the time is linear in the input.
 */
final class XmlScan implements XmlDeclaration.Errors {
    private static final NameCache NAMES = new NameCache(true);
    private static final NameCache VALUES = new NameCache(false);
    private static final int MAX_SHARED_VALUE = 16;
    private static final String[] NO_ATTRIBUTES = new String[0];
    private static final XmlNode[] NO_CHILDREN = new XmlNode[0];

    private final char[] buf;
    private final int end;
    private final XmlLimits limits;
    private int pos;

    // position bookkeeping, advanced lazily (see lineOf())
    private int lineCountedTo;
    private int line = 1;
    private int lineStart;

    // the children collected so far, shared by all depths (sizes: a libvirt document is about 6 deep and has
    // a few dozen elements at most per level; the arrays grow past that, and every parse allocates them)
    private XmlNode[] nodes = new XmlNode[32];
    private int nodeCount;
    private String[] attrs = new String[16];

    // the open elements, index 0 is the root
    private String[] openNames = new String[8];
    private String[][] openAttrs = new String[8][];
    /** Line and column of each open start tag, taken when it is read: lines are counted forwards only. */
    private int[] openLine = new int[8];
    private int[] openColumn = new int[8];
    private int[] openFirstChild = new int[8];
    private int[] openNamespaceMark = new int[8];
    private boolean[] openNamespaced = new boolean[8];
    /** Per open element: the hash of its name, and the summary of its child elements' names so far. */
    private int[] openNameHash = new int[8];
    private long[] openChildNames = new long[8];
    private long[] openPlainValues = new long[8];
    private int depth;
    /** Made on the first namespace declaration or prefix: most libvirt documents have none. */
    private NamespaceScope namespaces;

    private final TextRun run;
    private StringBuilder scratch;

    // the colon of the last name read (-1: none); names with a second colon are refused as they are read
    private int nameColon;
    // the hash (String.hashCode()) of the last name read, and of the last element started or closed
    private int nameHash;
    private int elementHash;
    // whether the last attribute value read can be written back in single quotes as it is
    private boolean valuePlain;

    XmlScan(char[] buf, int end, XmlLimits limits) {
        this.buf = buf;
        this.end = end;
        this.limits = limits;
        this.run = new TextRun(buf);
    }

    XmlDocument document() {
        if (pos < end && buf[pos] == '\uFEFF') {
            pos++;
        }
        if (XmlDeclaration.startsAt(buf, pos, end)) {
            pos = XmlDeclaration.read(buf, pos, end, this).end();
        }
        List<XmlNode> prolog = new ArrayList<>(2);
        List<XmlNode> epilog = new ArrayList<>(2);
        XmlElement root = null;
        while (true) {
            skipWhitespace();
            if (pos >= end) {
                break;
            }
            if (buf[pos] != '<') {
                throw malformed(root == null ? "expected the root element" : "text after the root element", pos);
            }
            List<XmlNode> misc = root == null ? prolog : epilog;
            if (startsWith("<!--")) {
                misc.add(comment());
            } else if (startsWith("<?")) {
                misc.add(processingInstruction());
            } else if (startsWith("<!DOCTYPE") || startsWith("<!doctype")) {
                throw security("DOCTYPE declarations are not allowed (no DTDs, no entities)", pos);
            } else if (startsWith("<!")) {
                throw malformed("unexpected markup '<!' outside the root element", pos);
            } else if (root != null) {
                throw malformed("a document has one root element; found a second one", pos);
            } else {
                root = rootElement();
            }
        }
        if (root == null) {
            throw malformed("no root element", pos);
        }
        return new XmlDocument(prolog, root, epilog);
    }

    /** Parses the root element and everything inside it, keeping open elements on {@link #openNames}. */
    private XmlElement rootElement() {
        XmlElement done = startTag();
        if (done != null) {
            return done;
        }
        while (true) {
            if (pos >= end) {
                throw truncated();
            }
            if (buf[pos] != '<') {
                text();
                continue;
            }
            if (startsWith("<![CDATA[")) {
                cdata();
                continue;
            }
            if (pos + 1 < end && buf[pos + 1] == '/') {
                XmlElement closed = endTag();
                if (depth == 0) {
                    return closed;
                }
                pushElement(closed);
                continue;
            }
            endRun();
            if (startsWith("<!--")) {
                push(comment());
            } else if (startsWith("<?")) {
                push(processingInstruction());
            } else if (startsWith("<!DOCTYPE")) {
                throw security("DOCTYPE declarations are not allowed (no DTDs, no entities)", pos);
            } else if (startsWith("<!")) {
                throw malformed("unexpected markup '<!'", pos);
            } else {
                XmlElement empty = startTag();
                if (empty != null) {
                    pushElement(empty);
                }
            }
        }
    }

    /**
     * Reads a start tag at '&lt;'. Returns the element when the tag is empty ({@code />}); otherwise opens
     * it on the stack and returns null.
     */
    private XmlElement startTag() {
        if (depth >= limits.maxDepth()) {
            throw security("elements nested deeper than the limit of " + limits.maxDepth(), pos);
        }
        int start = pos;
        // Lines are counted up to the '<' here; inside the tag, whitespace and attribute values count their own
        // line ends as they are read (nothing else in a tag can hold one), so no later pass reads the tag again.
        int l = lineOf(start);
        int column = start - lineStart + 1;
        pos++; // '<'
        String name = name("element name");
        int hash = nameHash;
        boolean namespaced = nameColon >= 0;
        long plainValues = 0;
        int attrCount = 0;
        String[] a = attrs;
        boolean empty;
        while (true) {
            boolean sawSpace = skipTagSpace();
            if (pos >= end) {
                throw malformed("unexpected end of input inside the start tag <" + name + ">", end);
            }
            char c = buf[pos];
            if (c == '>') {
                pos++;
                empty = false;
                break;
            }
            if (c == '/') {
                if (pos + 1 < end && buf[pos + 1] == '>') {
                    pos += 2;
                    empty = true;
                    break;
                }
                throw malformed("expected '/>'", pos);
            }
            if (!sawSpace) {
                throw malformed("expected whitespace before an attribute", pos);
            }
            if (attrCount >= limits.maxAttributes()) {
                throw security("more attributes than the limit of " + limits.maxAttributes(), pos);
            }
            int attrPos = pos;
            String attrName = name("attribute name");
            namespaced |= nameColon >= 0 || (attrName.length() == 5 && attrName.equals("xmlns"));
            skipTagSpace();
            if (pos >= end || buf[pos] != '=') {
                throw malformed("expected '=' after attribute " + attrName, pos);
            }
            pos++;
            skipTagSpace();
            String value = attributeValue();
            if (valuePlain && attrCount < 64) {
                plainValues |= 1L << attrCount;
            }
            for (int i = 0; i < attrCount * 2; i += 2) {
                if (NameCache.sameName(a[i], attrName)) {
                    throw malformed("attribute " + attrName + " appears twice", attrPos);
                }
            }
            if (attrCount * 2 + 2 > a.length) {
                a = Arrays.copyOf(a, a.length * 2);
                attrs = a;
            }
            a[attrCount * 2] = attrName;
            a[attrCount * 2 + 1] = value;
            attrCount++;
        }
        if (namespaced && namespaces == null) {
            namespaces = new NamespaceScope();
        }
        int mark = namespaces == null ? 0 : namespaces.mark();
        if (namespaced) {
            String reason = namespaces.enter(name, a, attrCount);
            if (reason != null) {
                throw malformed(reason, start);
            }
        }
        String[] elementAttrs = attrCount == 0 ? NO_ATTRIBUTES : Arrays.copyOf(a, attrCount * 2);
        lineCountedTo = pos;
        elementHash = hash;
        if (empty) {
            if (namespaces != null) {
                namespaces.restore(mark);
            }
            return new XmlElement(name, elementAttrs, NO_CHILDREN, l, column, namespaced, 0L, plainValues);
        }
        open(name, elementAttrs, mark, namespaced, l, column, plainValues);
        return null;
    }

    private void open(String name, String[] elementAttrs, int mark, boolean namespaced, int l, int column,
            long plainValues) {
        if (depth == openNames.length) {
            int n = depth * 2;
            openNames = Arrays.copyOf(openNames, n);
            openAttrs = Arrays.copyOf(openAttrs, n);
            openFirstChild = Arrays.copyOf(openFirstChild, n);
            openNamespaceMark = Arrays.copyOf(openNamespaceMark, n);
            openNamespaced = Arrays.copyOf(openNamespaced, n);
            openLine = Arrays.copyOf(openLine, n);
            openColumn = Arrays.copyOf(openColumn, n);
            openNameHash = Arrays.copyOf(openNameHash, n);
            openChildNames = Arrays.copyOf(openChildNames, n);
            openPlainValues = Arrays.copyOf(openPlainValues, n);
        }
        openNames[depth] = name;
        openAttrs[depth] = elementAttrs;
        openFirstChild[depth] = nodeCount;
        openNamespaceMark[depth] = mark;
        openNamespaced[depth] = namespaced;
        openLine[depth] = l;
        openColumn[depth] = column;
        openNameHash[depth] = elementHash;
        openChildNames[depth] = 0;
        openPlainValues[depth] = plainValues;
        depth++;
    }

    /** Reads the end tag of the innermost open element, closes it and returns it. */
    private XmlElement endTag() {
        int top = depth - 1;
        String name = openNames[top];
        int tagPos = pos;
        pos += 2;
        if (closes(name)) {
            pos += name.length(); // the usual case: compared in place, no name scanned or looked up
        } else {
            String closing = name("end tag name");
            if (!closing.equals(name)) {
                throw malformed("end tag </" + closing + "> does not match <" + name + "> opened at line "
                        + openLine[top], tagPos);
            }
        }
        skipWhitespace();
        if (pos >= end || buf[pos] != '>') {
            throw malformed("expected '>' to close </" + name + ">", pos);
        }
        pos++;
        int first = openFirstChild[top];
        XmlNode[] children;
        if (nodeCount == first) { // the run, if any, is the whole content: keep it as it is
            String all = run.take();
            children = all.isEmpty() ? NO_CHILDREN : new XmlNode[] {new XmlText(all)};
        } else {
            endRun();
            children = Arrays.copyOfRange(nodes, first, nodeCount);
            nodeCount = first;
        }
        if (namespaces != null) {
            namespaces.restore(openNamespaceMark[top]);
        }
        String[] elementAttrs = openAttrs[top];
        openNames[top] = null;
        openAttrs[top] = null;
        depth = top;
        elementHash = openNameHash[top];
        return new XmlElement(name, elementAttrs, children, openLine[top], openColumn[top], openNamespaced[top],
                openChildNames[top], openPlainValues[top]);
    }

    /** True when the input at pos is {@code name} followed by a character that cannot continue an ASCII name. */
    private boolean closes(String name) {
        int n = name.length();
        if (end - pos <= n) {
            return false;
        }
        char[] b = buf;
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != name.charAt(i)) {
                return false;
            }
        }
        char next = b[pos + n];
        return next < 128 && !XmlChars.isNameChar(next); // anything else: the full scan decides
    }

    // ---- text runs

    /** Keeps the finished run as a text node unless it is whitespace only (formatting). */
    private void endRun() {
        if (!run.isEmpty()) {
            if (run.isWhitespace()) {
                run.reset();
            } else {
                push(new XmlText(run.take()));
            }
        }
    }

    /** Reads character data up to the next '&lt;' into the run. */
    private void text() {
        int start = pos;
        boolean plain = true;
        boolean whitespace = true;
        char[] b = buf;
        int p = pos;
        // Lines are counted here, in the pass that reads the text anyway (the indentation between elements holds
        // most of a document's line ends), rather than again by lineOf() at the next start tag.
        if (lineCountedTo < start) {
            lineOf(start);
        }
        boolean counting = lineCountedTo == start;
        int l = line;
        int ls = lineStart;
        while (p < end) {
            char c = b[p];
            if (c == '<') {
                break;
            }
            if (c == '&') {
                plain = false;
                whitespace = false;
            } else if (c == '\r') {
                plain = false;
                if (p + 1 >= end || b[p + 1] != '\n') { // CR alone ends a line; CRLF counts at its LF
                    l++;
                    ls = p + 1;
                }
            } else if (c == ']') {
                whitespace = false;
                if (p + 2 < end && b[p + 1] == ']' && b[p + 2] == '>') {
                    throw malformed("']]>' is not allowed in text", p);
                }
            } else if (c <= ' ') {
                if (c == '\n') {
                    l++;
                    ls = p + 1;
                } else if (c != ' ' && c != '\t') {
                    throw invalidChar(p);
                }
            } else {
                whitespace = false;
                if (c >= 0xD800) {
                    p = checkHighChar(p);
                }
            }
            p++;
        }
        pos = p;
        if (counting) {
            line = l;
            lineStart = ls;
            lineCountedTo = p;
        }
        if (plain) {
            run.addRaw(start, p, whitespace);
        } else {
            StringBuilder sb = run.builder();
            int from = sb.length();
            decode(sb, start, p, false);
            run.addedWhitespace(XmlChars.isWhitespace(sb, from, sb.length()));
        }
    }

    private void cdata() {
        int from = pos + 9;
        int close = indexOf("]]>", from);
        if (close < 0) {
            throw malformed("unterminated CDATA section", pos);
        }
        boolean cr = checkChars(from, close);
        boolean whitespace = XmlChars.isWhitespace(buf, from, close);
        if (cr) {
            appendNormalisedLineEnds(run.builder(), from, close);
            run.addedWhitespace(whitespace);
        } else {
            run.addRaw(from, close, whitespace);
        }
        pos = close + 3;
    }

    /**
     * Checks the character at {@code p}, at least U+D800: a surrogate must be the first half of a pair
     * (then the index of the second half is returned), U+FFFE and U+FFFF are not characters.
     */
    private int checkHighChar(int p) {
        char c = buf[p];
        if (Character.isHighSurrogate(c) && p + 1 < end && Character.isLowSurrogate(buf[p + 1])) {
            return p + 1;
        }
        if (Character.isSurrogate(c) || c >= 0xFFFE) {
            throw invalidChar(p);
        }
        return p;
    }

    /** Reads a quoted attribute value; {@link #valuePlain} tells whether the writer may copy it as it is. */
    private String attributeValue() {
        // The usual value (no reference, no line end, tab or other control character, no surrogate) is read
        // here in one tight loop; anything else is read again from the start by anyAttributeValue.
        char[] b = buf;
        int q = pos;
        if (q < end && (b[q] == '\'' || b[q] == '"')) {
            char quote = b[q];
            int start = q + 1;
            int hash = 0;
            for (int p = start; p < end; p++) {
                char c = b[p];
                if (c == quote) {
                    pos = p + 1;
                    // in double quotes it may hold a ', which the writer's single quotes escape
                    valuePlain = quote == '\'' || !holds('\'', start, p);
                    return p - start <= MAX_SHARED_VALUE ? VALUES.get(b, start, p, hash) : new String(b, start, p - start);
                }
                if (c < 0x20 || c == '&' || c == '<' || c >= 0xD800) {
                    break;
                }
                hash = 31 * hash + c;
            }
        }
        return anyAttributeValue();
    }

    /** {@link #attributeValue} for every value: references, whitespace to normalise, surrogates, and the errors. */
    private String anyAttributeValue() {
        if (pos >= end) {
            throw malformed("expected a quoted attribute value", pos);
        }
        char quote = buf[pos];
        if (quote != '"' && quote != '\'') {
            throw malformed("expected a quoted attribute value", pos);
        }
        int start = ++pos;
        boolean plain = true;
        int hash = 0;
        char[] b = buf;
        int p = start;
        while (true) {
            if (p >= end) {
                throw malformed("unterminated attribute value", start - 1);
            }
            char c = b[p];
            if (c == quote) {
                break;
            }
            if (c == '<') {
                throw malformed("'<' is not allowed in an attribute value", p);
            }
            if (c == '&' || c == '\n' || c == '\t' || c == '\r') {
                plain = false;
                if (endsLine(c, p)) { // see startTag
                    lineEnd(p);
                }
            } else if (c < 0x20) {
                throw invalidChar(p);
            } else if (c >= 0xD800) {
                int q = checkHighChar(p);
                if (q != p) {
                    hash = 31 * hash + c;
                    c = b[q];
                    p = q;
                }
            }
            hash = 31 * hash + c;
            p++;
        }
        pos = p + 1;
        // plain in single quotes: none of < & ' TAB LF CR; in double quotes it may still hold a '
        valuePlain = plain && (quote == '\'' || !holds('\'', start, p));
        if (plain) {
            return p - start <= MAX_SHARED_VALUE ? VALUES.get(b, start, p, hash) : new String(b, start, p - start);
        }
        StringBuilder sb = scratch == null ? (scratch = new StringBuilder(64)) : scratch;
        sb.setLength(0);
        decode(sb, start, p, true);
        return sb.toString();
    }

    /**
     * Appends {@code buf[from, to)} with references resolved and line ends normalised (and, in
     * attributes, whitespace characters turned into spaces). The characters were checked by the caller.
     */
    private void decode(StringBuilder sb, int from, int to, boolean attribute) {
        int copied = from;
        for (int p = from; p < to; p++) {
            char c = buf[p];
            if (c == '&') {
                sb.append(buf, copied, p - copied);
                p = appendReference(sb, p, to);
                copied = p + 1;
            } else if (c == '\r' || (attribute && (c == '\n' || c == '\t'))) {
                sb.append(buf, copied, p - copied);
                if (c == '\r' && p + 1 < to && buf[p + 1] == '\n') {
                    p++;
                }
                sb.append(attribute ? ' ' : '\n');
                copied = p + 1;
            }
        }
        sb.append(buf, copied, to - copied);
    }

    /** Resolves the reference at {@code amp} and returns the index of its ';'. */
    private int appendReference(StringBuilder sb, int amp, int to) {
        int p = amp + 1;
        if (p < to && buf[p] == '#') {
            boolean hex = p + 1 < to && buf[p + 1] == 'x';
            p += hex ? 2 : 1;
            int digitsFrom = p;
            int code = 0;
            while (p < to && buf[p] != ';') {
                int d = Character.digit(buf[p], hex ? 16 : 10);
                if (d < 0 || buf[p] > 'f') { // ASCII digits only
                    throw malformed("bad character reference", amp);
                }
                code = code * (hex ? 16 : 10) + d;
                if (code > 0x10FFFF) {
                    throw malformed("character reference beyond U+10FFFF", amp);
                }
                p++;
            }
            if (p >= to || p == digitsFrom) {
                throw malformed("bad character reference", amp);
            }
            if (!isXmlChar(code)) {
                throw malformed("character reference " + new String(buf, amp, p + 1 - amp)
                        + " names a character XML does not allow", amp);
            }
            sb.appendCodePoint(code);
            return p;
        }
        while (p < to && buf[p] < 128 && XmlChars.isNameChar(buf[p])) {
            p++;
        }
        if (p >= to || buf[p] != ';' || p == amp + 1) {
            throw malformed("'&' must start an entity or character reference", amp);
        }
        String ref = new String(buf, amp + 1, p - amp - 1);
        switch (ref) {
            case "lt" -> sb.append('<');
            case "gt" -> sb.append('>');
            case "amp" -> sb.append('&');
            case "apos" -> sb.append('\'');
            case "quot" -> sb.append('"');
            default -> throw malformed("undeclared entity &" + ref + "; (only the five predefined entities exist)", amp);
        }
        return p;
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private XmlComment comment() {
        int start = pos;
        int close = indexOf("--", pos + 4);
        if (close < 0) {
            throw malformed("unterminated comment", start);
        }
        if (close + 2 >= end || buf[close + 2] != '>') {
            throw malformed("'--' is not allowed inside a comment", close);
        }
        checkChars(start + 4, close);
        pos = close + 3;
        return new XmlComment(normaliseLineEnds(start + 4, close));
    }

    private XmlProcessingInstruction processingInstruction() {
        int start = pos;
        pos += 2;
        String target = name("processing instruction target");
        if (target.equalsIgnoreCase("xml")) {
            throw malformed("the XML declaration may only appear at the very start", start);
        }
        if (nameColon >= 0) {
            throw malformed("a processing instruction target may not contain ':'", start + 2);
        }
        int dataStart = pos;
        if (!startsWith("?>")) {
            if (!skipWhitespace()) {
                throw malformed("expected whitespace or '?>' after the processing instruction target", pos);
            }
            dataStart = pos;
        }
        int close = indexOf("?>", dataStart);
        if (close < 0) {
            throw malformed("unterminated processing instruction", start);
        }
        checkChars(dataStart, close);
        pos = close + 2;
        return new XmlProcessingInstruction(target, normaliseLineEnds(dataStart, close));
    }

    /**
     * Reads a Name that is also a QName of Namespaces in XML (at most one colon, with a name on each
     * side); {@link #nameColon} tells where its colon is, {@link #nameHash} its hash.
     */
    private String name(String what) {
        // The usual name, ASCII without a prefix and followed by an ASCII character, is read here in one tight
        // loop on table lookups; anything else is read again from the start by anyName.
        char[] b = buf;
        int start = pos;
        int p = start;
        if (p < end && XmlChars.isAsciiNcNameStart(b[p])) {
            int hash = b[p++];
            while (p < end) {
                char c = b[p];
                if (!XmlChars.isAsciiNcNameChar(c)) {
                    if (c < 128 && c != ':') {
                        pos = p;
                        nameColon = -1;
                        nameHash = hash;
                        return NAMES.get(b, start, p, hash);
                    }
                    break;
                }
                hash = 31 * hash + c;
                p++;
            }
        }
        return anyName(what);
    }

    /** {@link #name} for every name: non-ASCII characters, surrogate pairs, a prefix, and the errors. */
    private String anyName(String what) {
        int start = pos;
        if (pos >= end) {
            throw malformed("unexpected end of input, expected " + what, pos);
        }
        char first = buf[pos];
        if (first < 128 ? !XmlChars.isNameStart(first) : !isNameCodePoint(true)) {
            throw malformed("expected " + what, pos);
        }
        int colon = first == ':' ? pos : -1;
        int hash = first;
        if (Character.isHighSurrogate(first)) {
            hash = 31 * hash + buf[++pos];
        }
        pos++;
        // The common case first, on locals: plain ASCII name characters without a colon.
        char[] b = buf;
        int p = pos;
        while (p < end) {
            char c = b[p];
            if (c >= 128 || c == ':' || !XmlChars.isNameChar(c)) {
                break;
            }
            hash = 31 * hash + c;
            p++;
        }
        pos = p;
        while (pos < end) {
            char c = buf[pos];
            if (c < 128) {
                if (!XmlChars.isNameChar(c)) {
                    break;
                }
                if (c == ':') {
                    if (colon >= 0) {
                        throw malformed("a name may contain one ':' only (Namespaces in XML)", pos);
                    }
                    colon = pos;
                }
            } else if (!isNameCodePoint(false)) {
                break;
            } else if (Character.isHighSurrogate(c)) {
                hash = 31 * hash + c;
                c = buf[++pos];
            }
            hash = 31 * hash + c;
            pos++;
        }
        if (colon >= 0 && (colon == start || colon == pos - 1 || !startsNcName(colon + 1))) {
            throw malformed("'" + new String(buf, start, pos - start) + "' is not a qualified name (Namespaces in XML)", start);
        }
        nameColon = colon < 0 ? -1 : colon - start;
        nameHash = hash;
        return NAMES.get(buf, start, pos, hash);
    }

    /** True when the non-ASCII character (or surrogate pair) at pos may start or continue a name. */
    private boolean isNameCodePoint(boolean startChar) {
        char c = buf[pos];
        int cp = c;
        if (Character.isHighSurrogate(c) && pos + 1 < end && Character.isLowSurrogate(buf[pos + 1])) {
            cp = Character.toCodePoint(c, buf[pos + 1]);
        } else if (Character.isSurrogate(c)) {
            return false;
        }
        return startChar ? XmlChars.isNameStart(cp) : XmlChars.isNameChar(cp);
    }

    private boolean startsNcName(int at) {
        int saved = pos;
        pos = at;
        boolean ok = buf[at] < 128 ? XmlChars.isNameStart(buf[at]) : isNameCodePoint(true);
        pos = saved;
        return ok;
    }

    /** Adds the element just started (empty) or closed to the content of the innermost open element. */
    private void pushElement(XmlElement element) {
        openChildNames[depth - 1] |= XmlElement.nameBit(elementHash);
        push(element);
    }

    private void push(XmlNode node) {
        if (nodeCount == nodes.length) {
            nodes = Arrays.copyOf(nodes, nodes.length * 2);
        }
        nodes[nodeCount++] = node;
    }

    private boolean holds(char c, int from, int to) {
        for (int p = from; p < to; p++) {
            if (buf[p] == c) {
                return true;
            }
        }
        return false;
    }

    /** Skips whitespace inside a start tag, counting its line ends (see startTag). */
    private boolean skipTagSpace() {
        char[] b = buf;
        int p = pos;
        while (p < end) {
            char c = b[p];
            if (c != ' ') {
                if (endsLine(c, p)) { // see startTag
                    lineEnd(p);
                } else if (c != '\t' && c != '\r') {
                    break;
                }
            }
            p++;
        }
        boolean skipped = p > pos;
        pos = p;
        return skipped;
    }

    /** True when {@code c}, at {@code p}, ends a line: LF, or CR alone (a CRLF ends its line at the LF). */
    private boolean endsLine(char c, int p) {
        return c == '\n' || (c == '\r' && (p + 1 >= end || buf[p + 1] != '\n'));
    }

    /** Counts the line end at {@code p}, read where the lines before it are already counted. */
    private void lineEnd(int p) {
        line++;
        lineStart = p + 1;
        lineCountedTo = p + 1;
    }

    private boolean skipWhitespace() {
        int start = pos;
        while (pos < end && XmlChars.isWhitespace(buf[pos])) {
            pos++;
        }
        return pos > start;
    }

    private boolean startsWith(String s) {
        return XmlChars.regionMatches(buf, pos, end, s);
    }

    private int indexOf(String s, int from) {
        char first = s.charAt(0);
        outer:
        for (int p = from; p <= end - s.length(); p++) {
            if (buf[p] == first) {
                for (int i = 1; i < s.length(); i++) {
                    if (buf[p + i] != s.charAt(i)) {
                        continue outer;
                    }
                }
                return p;
            }
        }
        return -1;
    }

    /** Checks that {@code buf[from, to)} holds XML characters only; returns whether it holds a CR. */
    private boolean checkChars(int from, int to) {
        boolean cr = false;
        for (int p = from; p < to; p++) {
            char c = buf[p];
            if (c < 0x20) {
                if (XmlChars.isForbidden(c)) {
                    throw invalidChar(p);
                }
                cr |= c == '\r';
            } else if (c >= 0xD800) {
                p = checkHighChar(p);
            }
        }
        return cr;
    }

    private String normaliseLineEnds(int from, int to) {
        for (int p = from; p < to; p++) {
            if (buf[p] == '\r') {
                StringBuilder sb = new StringBuilder(to - from);
                appendNormalisedLineEnds(sb, from, to);
                return sb.toString();
            }
        }
        return new String(buf, from, to - from);
    }

    private void appendNormalisedLineEnds(StringBuilder sb, int from, int to) {
        int copied = from;
        for (int p = from; p < to; p++) {
            if (buf[p] == '\r') {
                sb.append(buf, copied, p - copied).append('\n');
                if (p + 1 < to && buf[p + 1] == '\n') {
                    p++;
                }
                copied = p + 1;
            }
        }
        sb.append(buf, copied, to - copied);
    }

    /** Line of an offset; offsets are asked for in increasing order, so counting is incremental. */
    private int lineOf(int offset) {
        if (offset < lineCountedTo) {
            // an earlier offset (only on error paths): count from the start
            lineCountedTo = 0;
            line = 1;
            lineStart = 0;
        }
        // Locals, and one comparison for the common character, keep this pass over the input cheap: it
        // runs for every start tag.
        char[] b = buf;
        int l = line;
        int ls = lineStart;
        for (int p = lineCountedTo; p < offset; p++) {
            char c = b[p];
            if (c <= '\r' && endsLine(c, p)) { // one comparison for the usual character
                l++;
                ls = p + 1;
            }
        }
        line = l;
        lineStart = ls;
        lineCountedTo = offset;
        return l;
    }

    private MalformedXmlException truncated() {
        String name = openNames[depth - 1];
        return malformed("unexpected end of input inside <" + name + "> opened at line " + openLine[depth - 1], end);
    }

    private MalformedXmlException invalidChar(int p) {
        return malformed(XmlChars.describe(java.nio.CharBuffer.wrap(buf, 0, end), p) + " is not allowed in XML", p);
    }

    @Override
    public MalformedXmlException at(String reason, int offset) {
        return malformed(reason, offset);
    }

    private MalformedXmlException malformed(String reason, int offset) {
        int o = Math.min(offset, end);
        int l = lineOf(o);
        return new MalformedXmlException(reason, l, o - lineStart + 1);
    }

    private XmlSecurityException security(String reason, int offset) {
        int l = lineOf(offset);
        return new XmlSecurityException(reason, l, offset - lineStart + 1);
    }
}
