package io.lisastream.model.artifact;

import io.lisastream.model.ModelFormatException;
import io.lisastream.model.Tensor.DType;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Python dict literal of a {@code .npy} header strictly, without evaluating anything.
 * Grammar accepted (whitespace between tokens ignored):
 * <pre>
 *   header := '{' [ entry (',' entry)* [','] ] '}'
 *   entry  := string ':' value        keys exactly: 'descr', 'fortran_order', 'shape', once each
 *   descr  := string                  '&lt;f4' or '&lt;i4'
 *   fortran_order := 'False'          (True is rejected: the artifact is C order)
 *   shape  := '(' ')' | '(' int ',' ')' | '(' int (',' int)+ [','] ')'
 *   string := '...' | "..."           no escapes
 *   int    := 0 | [1-9][0-9]*         a dimension, at most Integer.MAX_VALUE
 * </pre>
 * The product of the dimensions must fit a Java array. Anything else is a {@link ModelFormatException}
 * naming the source and the problem.
 */
final class NpyHeaderParser {

    /** Largest element count a Java array can hold. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private enum Kind { LBRACE, RBRACE, LPAREN, RPAREN, COLON, COMMA, STRING, INT, NAME, END }

    private record Token(Kind kind, String text, int offset) {
        String shown() {
            return kind == Kind.END ? "the end of the header" : "'" + text + "' at offset " + offset;
        }
    }

    private final String source;
    private final String header;
    private final List<Token> tokens;
    private int next;

    private NpyHeaderParser(String header, String source) {
        this.source = source;
        this.header = header;
        this.tokens = tokenize();
    }

    /**
     * @param header the header text (the dict plus its padding) as read from the file
     * @param source file name for messages
     */
    static NpyHeader parse(String header, String source) {
        return new NpyHeaderParser(header, source).header();
    }

    private NpyHeader header() {
        String descr = null;
        Boolean fortranOrder = null;
        int[] shape = null;
        expect(Kind.LBRACE, "the header to start with '{'");
        while (peek().kind != Kind.RBRACE) {
            Token key = expect(Kind.STRING, "a quoted key or '}'");
            expect(Kind.COLON, "':' after key '" + key.text + "'");
            switch (key.text) {
                case "descr" -> {
                    requireFirst(descr, key);
                    descr = expect(Kind.STRING, "a quoted dtype string for 'descr'").text;
                }
                case "fortran_order" -> {
                    requireFirst(fortranOrder, key);
                    fortranOrder = bool();
                }
                case "shape" -> {
                    requireFirst(shape, key);
                    shape = shape();
                }
                default -> throw fail("unknown key '" + key.text + "' (allowed: 'descr', 'fortran_order', 'shape')");
            }
            if (peek().kind == Kind.COMMA) {
                next++;
            } else if (peek().kind != Kind.RBRACE) {
                throw fail("expected ',' or '}' but found " + peek().shown());
            }
        }
        next++;
        if (peek().kind != Kind.END) {
            throw fail("unexpected " + peek().shown() + " after the closing '}'");
        }
        requirePresent(descr, "descr");
        requirePresent(fortranOrder, "fortran_order");
        requirePresent(shape, "shape");
        if (fortranOrder) {
            throw fail("fortran_order is True; the artifact stores C order (in NumPy: np.ascontiguousarray(a))");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > MAX_ELEMENTS) {
                throw fail("shape " + NpyHeader.shapeRepr(shape) + " has more elements than fit in one array ("
                        + MAX_ELEMENTS + ")");
            }
        }
        return new NpyHeader(dtype(descr), shape);
    }

    private boolean bool() {
        Token t = expect(Kind.NAME, "True or False for 'fortran_order'");
        return switch (t.text) {
            case "True" -> true;
            case "False" -> false;
            default -> throw fail("expected True or False for 'fortran_order' but found " + t.shown());
        };
    }

    private int[] shape() {
        expect(Kind.LPAREN, "a tuple '(...)' for 'shape'");
        List<Integer> dims = new ArrayList<>();
        boolean trailingComma = false;
        while (peek().kind != Kind.RPAREN) {
            dims.add(dimension(expect(Kind.INT, "an integer dimension or ')' in 'shape'")));
            trailingComma = false;
            if (peek().kind == Kind.COMMA) {
                next++;
                trailingComma = true;
            } else if (peek().kind != Kind.RPAREN) {
                throw fail("expected ',' or ')' in 'shape' but found " + peek().shown());
            }
        }
        next++;
        if (dims.size() == 1 && !trailingComma) {
            throw fail("'shape' is (" + dims.get(0) + "), which is not a tuple; a one-dimensional shape is written ("
                    + dims.get(0) + ",)");
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private int dimension(Token t) {
        if (t.text.startsWith("-")) {
            throw fail("negative dimension " + t.text + " in 'shape'");
        }
        if (t.text.length() > 1 && t.text.startsWith("0")) {
            throw fail("dimension " + t.text + " has a leading zero");
        }
        if (t.text.length() > 10 || Long.parseLong(t.text) > Integer.MAX_VALUE) {
            throw fail("dimension " + t.text + " in 'shape' is larger than " + Integer.MAX_VALUE);
        }
        return Integer.parseInt(t.text);
    }

    private DType dtype(String descr) {
        for (DType d : DType.values()) {
            if (d.npyDescr().equals(descr)) {
                return d;
            }
        }
        String base = descr.length() > 1 ? descr.substring(1) : descr;
        boolean ours = base.equals("f4") || base.equals("i4");
        if (ours && descr.startsWith(">")) {
            throw fail("big-endian dtype '" + descr + "' is not supported; the artifact stores little-endian '<"
                    + base + "' (in NumPy: a.astype('<" + base + "'))");
        }
        if (ours && (descr.startsWith("|") || descr.startsWith("="))) {
            throw fail("dtype '" + descr + "' does not fix the byte order of 4-byte elements; expected '<"
                    + base + "'");
        }
        throw fail("unsupported dtype '" + descr + "'; the artifact holds float32 ('<f4') and int32 ('<i4') only"
                + " (in NumPy: a.astype('<f4') or a.astype('<i4'))");
    }

    private void requireFirst(Object seen, Token key) {
        if (seen != null) {
            throw fail("duplicate key '" + key.text + "' at offset " + key.offset);
        }
    }

    private void requirePresent(Object value, String key) {
        if (value == null) {
            throw fail("missing key '" + key + "'");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token expect(Kind kind, String what) {
        Token t = tokens.get(next);
        if (t.kind != kind) {
            throw fail("expected " + what + " but found " + t.shown());
        }
        next++;
        return t;
    }

    private List<Token> tokenize() {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < header.length()) {
            char c = header.charAt(i);
            int start = i;
            switch (c) {
                case ' ', '\t', '\n', '\r' -> i++;
                case '{' -> out.add(new Token(Kind.LBRACE, "{", i++));
                case '}' -> out.add(new Token(Kind.RBRACE, "}", i++));
                case '(' -> out.add(new Token(Kind.LPAREN, "(", i++));
                case ')' -> out.add(new Token(Kind.RPAREN, ")", i++));
                case ':' -> out.add(new Token(Kind.COLON, ":", i++));
                case ',' -> out.add(new Token(Kind.COMMA, ",", i++));
                case '\'', '"' -> {
                    int end = header.indexOf(c, i + 1);
                    if (end < 0) {
                        throw fail("unterminated string starting at offset " + start);
                    }
                    String text = header.substring(i + 1, end);
                    if (text.indexOf('\\') >= 0 || text.indexOf('\n') >= 0) {
                        throw fail("string at offset " + start + " contains an escape or newline");
                    }
                    out.add(new Token(Kind.STRING, text, start));
                    i = end + 1;
                }
                default -> {
                    if (c == '-' || isDigit(c)) {
                        i++;
                        while (i < header.length() && isDigit(header.charAt(i))) {
                            i++;
                        }
                        if (header.substring(start, i).equals("-")) {
                            throw fail("stray '-' at offset " + start);
                        }
                        out.add(new Token(Kind.INT, header.substring(start, i), start));
                    } else if (Character.isLetter(c) || c == '_') {
                        while (i < header.length() && (Character.isLetterOrDigit(header.charAt(i))
                                || header.charAt(i) == '_')) {
                            i++;
                        }
                        out.add(new Token(Kind.NAME, header.substring(start, i), start));
                    } else {
                        throw fail("unexpected character '" + c + "' at offset " + start);
                    }
                    if (i < header.length() && isWordChar(header.charAt(i))) {
                        throw fail("malformed token '" + header.substring(start, i + 1) + "' at offset " + start);
                    }
                }
            }
        }
        out.add(new Token(Kind.END, "", header.length()));
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private ModelFormatException fail(String problem) {
        String shown = header.strip();
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "...";
        }
        return new ModelFormatException(source + ": bad .npy header: " + problem + " (header: " + shown + ")");
    }
}
