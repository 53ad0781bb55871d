import { createRequire as __splitPlanCreateRequire } from 'node:module';
const require = __splitPlanCreateRequire(import.meta.url);
import {
  InputError,
  UsageError,
  __commonJS,
  __toESM
} from "./chunk-ZSLYHEGX.js";

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code) => {
      return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code = advance();
        let next;
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code = advance();
          if (code === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code = advance())) {
                if (code === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code = advance())) {
              if (code === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal = normalizeSimpleBranch(branch);
        if (literal && literal.length === 1) {
          safeChars.push(literal);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse2 = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count2 = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count2++;
        }
        if (count2 % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse2(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix2 = POSIX_REGEX_SOURCE[rest2];
                if (posix2) {
                  prev.value = pre + posix2;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse2.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse2;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse2 = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch3 = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch3(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix2 = opts.windows;
      const regex = isState ? picomatch3.compileRe(glob, options) : picomatch3.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch3(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch3.test(input, regex, options, { glob, posix: posix2 });
        const result = { glob, state, regex, posix: posix2, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch3.test = (input, regex, options, { glob, posix: posix2 } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix2 ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch3.matchBase(input, regex, options, posix2);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch3.matchBase = (input, glob, options, posix2 = options && options.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch3.makeRe(glob, options);
      return regex.test(utils.basename(input, { windows: posix2 }));
    };
    picomatch3.isMatch = (str, patterns, options) => picomatch3(patterns, options)(str);
    picomatch3.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch3.parse(p, options));
      return parse2(pattern, { ...options, fastpaths: false });
    };
    picomatch3.scan = (input, options) => scan(input, options);
    picomatch3.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch3.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch3.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse2.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse2(input, options);
      }
      return picomatch3.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch3.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch3.constants = constants;
    module.exports = picomatch3;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch3(glob, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob, options, returnState);
    }
    Object.assign(picomatch3, pico);
    module.exports = picomatch3;
  }
});

// src/core/text.ts
var UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;
function oneLine(message) {
  return message.replace(UNPRINTABLE, (c) => c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// src/core/nodeid.ts
function parseNodeId(id) {
  const bracket = id.indexOf("[");
  const head = bracket === -1 ? id : id.slice(0, bracket);
  const params = bracket === -1 ? "" : id.slice(bracket);
  const parts = head.split("::");
  const file = parts[0] ?? "";
  if (parts.length === 1) return { file, classes: [], func: "", params };
  const func = parts[parts.length - 1] ?? "";
  return { file, classes: parts.slice(1, -1), func, params };
}
function fileOf(id) {
  const sep2 = id.indexOf("::");
  if (sep2 === -1) return id.indexOf("[") === -1 ? id : parseNodeId(id).file;
  const bracket = id.indexOf("[");
  return bracket === -1 || bracket > sep2 ? id.slice(0, sep2) : id.slice(0, bracket);
}
function classKeyOf(id) {
  const p = typeof id === "string" ? parseNodeId(id) : id;
  const outer = p.classes[0];
  return outer === void 0 ? void 0 : `${p.file}::${outer}`;
}
function dirOf(file) {
  const slash = file.lastIndexOf("/");
  return slash === -1 ? "" : file.slice(0, slash);
}
function compareIds(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function sortIds(ids) {
  for (let i = 1; i < ids.length; i++) {
    if (!(ids[i - 1] < ids[i])) return ids.sort();
  }
  return ids;
}
function compareCodePoints(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 55296 && y >= 55296) {
      x = x >= 57344 ? x - 2048 : x + 8192;
      y = y >= 57344 ? y - 2048 : y + 8192;
    }
    return x - y;
  }
  return a.length - b.length;
}

// src/core/junitMap.ts
var PROBE_BUDGET = 128;
var MAX_SPELLINGS = 4096;
function junitNamesOf(id) {
  const bracket = id.indexOf("[");
  const head = bracket === -1 ? id : id.slice(0, bracket);
  const params = bracket === -1 ? "" : id.slice(bracket);
  const first = head.indexOf("::");
  if (first === -1) return { classname: "", name: xmlVisibleEscape(moduleOfFile(head) + params) };
  if (!head.includes(":::")) {
    const last2 = head.lastIndexOf("::");
    const module = moduleOfFile(head.slice(0, first));
    const classname = last2 === first ? module : `${module}.${head.slice(first + 2, last2).replaceAll("::", ".")}`;
    return { classname, name: xmlVisibleEscape(head.slice(last2 + 2) + params) };
  }
  const names = head.split("::");
  names[0] = moduleOfFile(names[0] ?? "");
  const last = names.length - 1;
  names[last] = `${names[last] ?? ""}${params}`;
  return { classname: names.slice(0, last).join("."), name: xmlVisibleEscape(names[last] ?? "") };
}
function moduleOfFile(file) {
  const dotted = file.replaceAll("/", ".");
  return dotted.endsWith(".py") ? dotted.slice(0, -3) : dotted;
}
var XML_INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff\u{10000}-\u{10ffff}]/u;
var XML_INVISIBLE_ALL = new RegExp(XML_INVISIBLE.source, "gu");
function xmlVisibleEscape(s) {
  if (!XML_INVISIBLE.test(s)) return s;
  return s.replace(XML_INVISIBLE_ALL, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return `#x${cp.toString(16).toUpperCase().padStart(cp <= 255 ? 2 : 4, "0")}`;
  });
}
function collectorModules(reports, outcome) {
  const names = /* @__PURE__ */ new Set();
  for (const r of reports) {
    for (const s of r.suites) {
      for (const c of s.cases) if (c.classname === "" && c.name !== "" && (outcome === void 0 || c.outcome === outcome)) names.add(c.name);
    }
  }
  return [...names].sort(compareIds);
}
function mapReports(reports, ctx) {
  const resolver = resolverFor(ctx);
  const cases = [];
  const unmapped = [];
  reports.forEach((report2, index) => {
    for (const suite of report2.suites) {
      for (const c of suite.cases) {
        const id = resolver.map(c);
        if (id === void 0) {
          unmapped.push(`${report2.source}: ${c.classname === "" ? c.name : `${c.classname}::${c.name}`}`);
        } else {
          cases.push({ id, time: c.time, outcome: c.outcome, report: index });
        }
      }
    }
  });
  return { cases, unmapped };
}
var indexCache = /* @__PURE__ */ new WeakMap();
var resolverCache = /* @__PURE__ */ new WeakMap();
function resolverFor(ctx) {
  let r = resolverCache.get(ctx);
  if (r === void 0 || r.knownIds !== ctx.knownIds || r.isFile !== ctx.isFile) {
    r = new Resolver(ctx);
    resolverCache.set(ctx, r);
  }
  return r;
}
function indexFor(knownIds) {
  let idx = indexCache.get(knownIds);
  if (idx !== void 0) return idx;
  const byNames = /* @__PURE__ */ new Map();
  const byModule = /* @__PURE__ */ new Map();
  const seenFiles = /* @__PURE__ */ new Set();
  for (const id of knownIds) {
    const { classname, name } = junitNamesOf(id);
    const pairs = byNames.get(name);
    if (pairs === void 0) byNames.set(name, [classname, id]);
    else pairs.push(classname, id);
    const file = fileOf(id);
    if (file !== "" && !seenFiles.has(file)) {
      seenFiles.add(file);
      pushTo(byModule, moduleOfFile(file), file);
    }
  }
  idx = { byNames, byModule };
  indexCache.set(knownIds, idx);
  return idx;
}
function pushTo(m, k, v) {
  const list2 = m.get(k);
  if (list2 === void 0) m.set(k, [v]);
  else list2.push(v);
}
function preferLongest(a, b) {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}
var Resolver = class {
  knownIds;
  isFile;
  index;
  /** classname -> rule-2 split, or null when no file was found. */
  byFiles = /* @__PURE__ */ new Map();
  /** classname -> rule-4 split. */
  guesses = /* @__PURE__ */ new Map();
  constructor(ctx) {
    this.knownIds = ctx.knownIds;
    this.isFile = ctx.isFile;
  }
  map(c) {
    const { classname, name } = c;
    if (name === "") return void 0;
    const known = this.known(c);
    if (known !== void 0) return known;
    if (classname === "") return void 0;
    if (classname === "pytest" && name === "internal") return void 0;
    const split = this.splitByFiles(classname) ?? splitByFileAttr(classname, c.file) ?? this.guess(classname);
    return [split.file, ...split.classes, name].join("::");
  }
  /** Rule 1. */
  known(c) {
    if (this.knownIds.size === 0) return void 0;
    const pairs = this.getIndex().byNames.get(c.name);
    if (pairs === void 0) return void 0;
    const ids = [];
    for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === c.classname) ids.push(pairs[i + 1]);
    if (ids.length <= 1) return ids[0];
    const attrFile = c.file?.replaceAll("\\", "/");
    const sameFile = attrFile === void 0 ? void 0 : ids.find((id) => fileOf(id) === attrFile);
    return sameFile ?? [...ids].sort((a, b) => preferLongest(fileOf(a), fileOf(b)))[0];
  }
  getIndex() {
    this.index ??= indexFor(this.knownIds);
    return this.index;
  }
  /** Rule 2 (cached per classname). */
  splitByFiles(classname) {
    let s = this.byFiles.get(classname);
    if (s === void 0) {
      s = this.findFile(classname);
      this.byFiles.set(classname, s);
    }
    return s ?? void 0;
  }
  findFile(classname) {
    const parts = classname.split(".");
    const byModule = this.knownIds.size === 0 ? void 0 : this.getIndex().byModule;
    for (let k = parts.length; k >= 1; k--) {
      const modParts = parts.slice(0, k);
      const files = byModule?.get(modParts.join("."));
      if (files !== void 0) {
        const file = files.length === 1 ? files[0] : [...files].sort(preferLongest)[0];
        if (file !== void 0) return { file, classes: parts.slice(k) };
      }
      if (modParts.every((p) => p !== "")) {
        const file = `${modParts.join("/")}.py`;
        if (this.isFile(file)) return { file, classes: parts.slice(k) };
      }
    }
    let budget = PROBE_BUDGET;
    const probed = /* @__PURE__ */ new Set();
    const tryFile = (file, k) => {
      if (budget <= 0 || probed.has(file)) return void 0;
      probed.add(file);
      budget--;
      return this.isFile(file) ? { file, classes: parts.slice(k) } : void 0;
    };
    let steps = MAX_SPELLINGS;
    const tryModule = (k, literalAt) => {
      if (--steps < 0) budget = 0;
      const path = joinWithLiteralDots(parts, k, literalAt);
      if (path === void 0) return void 0;
      const found = tryFile(`${path}.py`, k);
      if (found !== void 0) return found;
      const base = path.slice(path.lastIndexOf("/") + 1);
      return base.indexOf(".", 1) > 0 ? tryFile(path, k) : void 0;
    };
    const splits = splitOrder(parts);
    for (const k of splits) {
      const forced = forcedLiteralDots(parts, k);
      if (forced.length === 0) continue;
      const found = tryModule(k, forced);
      if (found !== void 0) return found;
    }
    const usual = conventionalSplit(parts);
    const rest = splits.filter((k) => k !== usual);
    const rounds = [];
    if (usual >= 2) for (let literal = 1; literal < usual; literal++) rounds.push([[usual], literal]);
    for (let literal = 1; literal < parts.length; literal++) rounds.push([rest, literal]);
    for (const [ks, literal] of rounds) {
      for (const k of ks) {
        for (const positions of combinations(k - 1, literal)) {
          if (budget <= 0) return null;
          const found = tryModule(k, positions);
          if (found !== void 0) return found;
        }
      }
    }
    return null;
  }
  /** Rule 4 (cached per classname). */
  guess(classname) {
    let s = this.guesses.get(classname);
    if (s === void 0) {
      const parts = classname.split(".");
      const i = conventionalSplit(parts);
      s = { file: `${parts.slice(0, i).join("/")}.py`, classes: parts.slice(i) };
      this.guesses.set(classname, s);
    }
    return s;
  }
};
function conventionalSplit(parts) {
  let i = 1;
  while (i < parts.length && !/^[A-Z]/.test(parts[i] ?? "")) i++;
  return i;
}
var IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
function splitOrder(parts) {
  let minK = 1;
  parts.forEach((p, i) => {
    if (!IDENTIFIER.test(p)) minK = i + 1;
  });
  const order = [];
  for (let k = parts.length; k >= Math.max(2, minK); k--) order.push(k);
  for (let k = Math.min(minK - 1, parts.length); k >= 2; k--) order.push(k);
  return order;
}
function forcedLiteralDots(parts, k) {
  const out = [];
  for (let d = 0; d < k - 1; d++) {
    const before = parts[d] ?? "";
    const after = parts[d + 1] ?? "";
    if (before === "" || after === "" || /^[0-9]/.test(after)) out.push(d);
  }
  return out;
}
function splitByFileAttr(classname, fileAttr) {
  if (fileAttr === void 0 || fileAttr === "") return void 0;
  const file = fileAttr.replaceAll("\\", "/");
  const mod = moduleOfFile(file);
  if (mod === "") return void 0;
  if (classname === mod) return { file, classes: [] };
  if (classname.startsWith(`${mod}.`)) return { file, classes: classname.slice(mod.length + 1).split(".") };
  return void 0;
}
function joinWithLiteralDots(parts, k, literalAt) {
  let out = parts[0] ?? "";
  let segment = out;
  let j = 0;
  for (let i = 1; i < k; i++) {
    const literal = literalAt[j] === i - 1;
    if (literal) j++;
    const p = parts[i] ?? "";
    if (literal) {
      out += `.${p}`;
      segment += `.${p}`;
    } else {
      if (segment === "") return void 0;
      out += `/${p}`;
      segment = p;
    }
  }
  return segment === "" ? void 0 : out;
}
function* combinations(n, r) {
  if (r > n || r <= 0) return;
  const idx = Array.from({ length: r }, (_, i) => i);
  for (; ; ) {
    yield idx.slice();
    let i = r - 1;
    while (i >= 0 && idx[i] === n - r + i) i--;
    if (i < 0) return;
    idx[i] = (idx[i] ?? 0) + 1;
    for (let j = i + 1; j < r; j++) idx[j] = (idx[j - 1] ?? 0) + 1;
  }
}

// node_modules/simple-statistics/dist/simple-statistics.mjs
function quantileSorted(x, p) {
  var idx = (x.length - 1) * p;
  if (x.length === 0) {
    throw new Error("quantile requires at least one data point.");
  } else if (p < 0 || p > 1) {
    throw new Error("quantiles must be between 0 and 1");
  } else if (p === 1) {
    return x[x.length - 1];
  } else if (p === 0) {
    return x[0];
  } else if (idx % 1 !== 0) {
    var lower = Math.floor(idx);
    var upper = Math.ceil(idx);
    var fraction = idx - lower;
    return x[lower] + fraction * (x[upper] - x[lower]);
  } else {
    return x[idx];
  }
}
function quickselect(arr, k, left, right) {
  left = left || 0;
  right = right || arr.length - 1;
  while (right > left) {
    if (right - left > 600) {
      var n = right - left + 1;
      var m = k - left + 1;
      var z2 = Math.log(n);
      var s = 0.5 * Math.exp(2 * z2 / 3);
      var sd = 0.5 * Math.sqrt(z2 * s * (n - s) / n);
      if (m - n / 2 < 0) {
        sd *= -1;
      }
      var newLeft = Math.max(left, Math.floor(k - m * s / n + sd));
      var newRight = Math.min(
        right,
        Math.floor(k + (n - m) * s / n + sd)
      );
      quickselect(arr, k, newLeft, newRight);
    }
    var t = arr[k];
    var i = left;
    var j = right;
    swap(arr, left, k);
    if (arr[right] > t) {
      swap(arr, left, right);
    }
    while (i < j) {
      swap(arr, i, j);
      i++;
      j--;
      while (arr[i] < t) {
        i++;
      }
      while (arr[j] > t) {
        j--;
      }
    }
    if (arr[left] === t) {
      swap(arr, left, j);
    } else {
      j++;
      swap(arr, j, right);
    }
    if (j <= k) {
      left = j + 1;
    }
    if (k <= j) {
      right = j - 1;
    }
  }
}
function swap(arr, i, j) {
  var tmp = arr[i];
  arr[i] = arr[j];
  arr[j] = tmp;
}
function quantile(x, p) {
  var copy = x.slice();
  if (Array.isArray(p)) {
    multiQuantileSelect(copy, p);
    var results = [];
    for (var i = 0; i < p.length; i++) {
      results[i] = quantileSorted(copy, p[i]);
    }
    return results;
  } else {
    var idx = quantileIndex(copy.length, p);
    quantileSelect(copy, idx, 0, copy.length - 1);
    return quantileSorted(copy, p);
  }
}
function quantileSelect(arr, k, left, right) {
  if (k % 1 === 0) {
    quickselect(arr, k, left, right);
  } else {
    k = Math.floor(k);
    quickselect(arr, k, left, right);
    quickselect(arr, k + 1, k + 1, right);
  }
}
function multiQuantileSelect(arr, p) {
  var positions = /* @__PURE__ */ new Set();
  for (var i = 0; i < p.length; i++) {
    var idx = quantileIndex(arr.length, p[i]);
    positions.add(Math.floor(idx));
    positions.add(Math.ceil(idx));
  }
  var indices = Array.from(positions).sort(compare);
  multiselect(arr, indices, 0, indices.length - 1, 0, arr.length - 1);
}
function multiselect(arr, indices, lo, hi, left, right) {
  if (lo > hi) {
    return;
  }
  var mid = lo + hi >> 1;
  quickselect(arr, indices[mid], left, right);
  multiselect(arr, indices, lo, mid - 1, left, indices[mid] - 1);
  multiselect(arr, indices, mid + 1, hi, indices[mid] + 1, right);
}
function compare(a, b) {
  return a - b;
}
function quantileIndex(len, p) {
  var idx = (len - 1) * p;
  if (p === 1) {
    return len - 1;
  } else if (p === 0) {
    return 0;
  } else if (idx % 1 !== 0) {
    return idx;
  } else {
    return idx;
  }
}
function linearRegression(data) {
  var m;
  var b;
  var dataLength = data.length;
  if (dataLength === 1) {
    m = 0;
    b = data[0][1];
  } else {
    var sumX = 0;
    var sumY = 0;
    for (var i = 0; i < dataLength; i++) {
      sumX += data[i][0];
      sumY += data[i][1];
    }
    var meanX = sumX / dataLength;
    var meanY = sumY / dataLength;
    var sumXY = 0;
    var sumXX = 0;
    for (var i$1 = 0; i$1 < dataLength; i$1++) {
      var deviationX = data[i$1][0] - meanX;
      sumXY += deviationX * (data[i$1][1] - meanY);
      sumXX += deviationX * deviationX;
    }
    m = sumXY / sumXX;
    b = meanY - m * meanX;
  }
  return {
    m,
    b
  };
}
function median(x) {
  return +quantile(x, 0.5);
}
var BayesianClassifier = function BayesianClassifier2() {
  this.totalCount = 0;
  this.data = {};
};
BayesianClassifier.prototype.train = function train(item, category) {
  if (!this.data[category]) {
    this.data[category] = {};
  }
  for (var k in item) {
    var v = item[k];
    if (this.data[category][k] === void 0) {
      this.data[category][k] = {};
    }
    if (this.data[category][k][v] === void 0) {
      this.data[category][k][v] = 0;
    }
    this.data[category][k][v]++;
  }
  this.totalCount++;
};
BayesianClassifier.prototype.score = function score(item) {
  var odds = {};
  var category;
  for (var k in item) {
    var v = item[k];
    for (category in this.data) {
      if (odds[category] === void 0) {
        odds[category] = {};
      }
      if (this.data[category][k]) {
        odds[category][k + "_" + v] = (this.data[category][k][v] || 0) / this.totalCount;
      } else {
        odds[category][k + "_" + v] = 0;
      }
    }
  }
  var oddsSums = {};
  for (category in odds) {
    oddsSums[category] = 0;
    for (var combination in odds[category]) {
      oddsSums[category] += odds[category][combination];
    }
  }
  return oddsSums;
};
var g = 607 / 128;
var LOGSQRT2PI = Math.log(Math.sqrt(2 * Math.PI));
var SQRT_2PI$1 = Math.sqrt(2 * Math.PI);
function cumulativeDistribution(z2) {
  var sum2 = z2;
  var tmp = z2;
  for (var i = 1; i < 30; i++) {
    tmp *= z2 * z2 / (2 * i + 1);
    sum2 += tmp;
  }
  return Math.round((0.5 + sum2 / SQRT_2PI$1 * Math.exp(-z2 * z2 / 2)) * 1e4) / 1e4;
}
var standardNormalTable = [];
for (z = 0; z <= 3.09; z += 0.01) {
  standardNormalTable.push(cumulativeDistribution(z));
}
var z;
var SQRT_2PI = Math.sqrt(2 * Math.PI);
var PerceptronModel = function PerceptronModel2() {
  this.weights = [];
  this.bias = 0;
};
PerceptronModel.prototype.predict = function predict(features) {
  if (features.length !== this.weights.length) {
    return null;
  }
  var score2 = 0;
  for (var i = 0; i < this.weights.length; i++) {
    score2 += this.weights[i] * features[i];
  }
  score2 += this.bias;
  if (score2 > 0) {
    return 1;
  } else {
    return 0;
  }
};
PerceptronModel.prototype.train = function train2(features, label) {
  if (label !== 0 && label !== 1) {
    return null;
  }
  if (features.length !== this.weights.length) {
    this.weights = features.slice();
    this.bias = 1;
  }
  var prediction = this.predict(features);
  if (typeof prediction === "number" && prediction !== label) {
    var gradient = label - prediction;
    for (var i = 0; i < this.weights.length; i++) {
      this.weights[i] += gradient * features[i];
    }
    this.bias += gradient;
  }
  return this;
};

// src/core/stats.ts
function median2(values) {
  return median(values);
}
function roundMs(x) {
  const r = Math.round(x * 1e3) / 1e3;
  return r === 0 ? 0 : r;
}
function sum(values) {
  let s = 0;
  let c = 0;
  for (const v of values) {
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}
function maxOf(values) {
  let m = 0;
  for (const v of values) if (v > m) m = v;
  return m;
}

// src/core/measurement.ts
var MEASURING = /* @__PURE__ */ new Set(["passed", "failed"]);
function isMeasurement(outcome) {
  return MEASURING.has(outcome);
}
function measuringCases(cases) {
  const out = /* @__PURE__ */ new Map();
  for (const c of cases) {
    if (!isMeasurement(c.outcome)) continue;
    const list2 = out.get(c.id);
    if (list2) list2.push(c);
    else out.set(c.id, [c]);
  }
  return out;
}
function meanSeconds(values) {
  return sum([...values].sort((a, b) => a - b)) / values.length;
}
function measuredSeconds(cases) {
  const out = /* @__PURE__ */ new Map();
  for (const [id, list2] of measuringCases(cases)) {
    out.set(id, meanSeconds(list2.map((c) => c.time)));
  }
  return out;
}

// src/core/costModel.ts
var NO_SETUP_COSTS = { fileSeconds: /* @__PURE__ */ new Map(), classSeconds: /* @__PURE__ */ new Map() };
var DEFAULT_WORKER_BOOT_SECONDS = 0.4;
function workerStartSeconds(model) {
  return model.workers > 1 ? model.overhead.workerStartSeconds ?? 0 : 0;
}
function defaultWorkerStartSeconds(startupSeconds) {
  return startupSeconds + DEFAULT_WORKER_BOOT_SECONDS;
}
function fixedCost(model) {
  return model.overhead.fixedSeconds + workerStartSeconds(model);
}
function payingWorkers(tests, workers) {
  return Math.min(tests, workers);
}
function itemCost(model, seconds) {
  return seconds / model.workers;
}
function fileCost(model, file, tests) {
  const setup = (model.setups ?? NO_SETUP_COSTS).fileSeconds.get(file) ?? 0;
  return model.overhead.perFileSeconds + setup * payingWorkers(tests, model.workers) / model.workers;
}
function classCost(model, cutClass, tests) {
  const setup = (model.setups ?? NO_SETUP_COSTS).classSeconds.get(cutClass) ?? 0;
  return setup * payingWorkers(tests, model.workers) / model.workers;
}
function spreadSeconds(seconds, workers) {
  if (seconds.length === 0) return 0;
  let total = 0;
  for (const s of seconds) total += s;
  if (workers <= 1) return total;
  if (seconds.length <= workers) return Math.max(...seconds);
  const sorted = Float64Array.from(seconds).sort().reverse();
  const loads = new Float64Array(workers);
  if (workers <= 16) {
    for (const s of sorted) {
      let min = 0;
      for (let w = 1; w < workers; w++) if (loads[w] < loads[min]) min = w;
      loads[min] = loads[min] + s;
    }
    return Math.max(...loads);
  }
  const heap = loads;
  for (const s of sorted) {
    heap[0] = heap[0] + s;
    let i = 0;
    for (; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < workers && heap[l] < heap[m]) m = l;
      if (r < workers && heap[r] < heap[m]) m = r;
      if (m === i) break;
      const t = heap[i];
      heap[i] = heap[m];
      heap[m] = t;
      i = m;
    }
  }
  return Math.max(...heap);
}
function testsPart(load, workers) {
  if (load.files === 0) return 0;
  const spread = load.spread ?? Math.max(load.testSeconds / workers, load.longest);
  return Math.max(spread, (load.testSeconds + load.setupSeconds) / workers);
}
function shardSeconds(overhead, load, workers) {
  if (load.files === 0) return 0;
  return fixedCost({ workers, overhead }) + overhead.perFileSeconds * load.files + testsPart(load, workers);
}
function priceShard(model, units, perTest) {
  const { workers } = model;
  const setups = model.setups ?? NO_SETUP_COSTS;
  let testSeconds = 0;
  let longest = 0;
  const perFile = /* @__PURE__ */ new Map();
  const perClass = /* @__PURE__ */ new Map();
  for (const u of units) {
    testSeconds += u.seconds;
    if (u.longest > longest) longest = u.longest;
    perFile.set(u.file, (perFile.get(u.file) ?? 0) + u.tests.length);
    if (u.cutClass !== void 0) perClass.set(u.cutClass, (perClass.get(u.cutClass) ?? 0) + u.tests.length);
  }
  let setupSeconds = 0;
  for (const [f, n] of perFile) setupSeconds += (setups.fileSeconds.get(f) ?? 0) * payingWorkers(n, workers);
  for (const [c, n] of perClass) setupSeconds += (setups.classSeconds.get(c) ?? 0) * payingWorkers(n, workers);
  const files = perFile.size;
  const load = { files, testSeconds, setupSeconds, longest };
  if (workers > 1 && perTest && files > 0)
    load.spread = Math.max(
      spreadSeconds(
        units.flatMap((u) => perTest(u)),
        workers
      ),
      longest
    );
  const predicted = shardSeconds(model.overhead, load, workers);
  const own = files === 0 ? 0 : load.spread ?? Math.max(testSeconds / workers, longest);
  return { predicted, testSeconds, own, files };
}
function lowerBound(model, units, splits) {
  const { workers, overhead } = model;
  const setups = model.setups ?? NO_SETUP_COSTS;
  let own = 0;
  let longest = 0;
  const files = /* @__PURE__ */ new Set();
  for (const u of units) {
    own += u.seconds;
    if (u.longest > longest) longest = u.longest;
    files.add(u.file);
  }
  let once = 0;
  for (const f of files) once += overhead.perFileSeconds + (setups.fileSeconds.get(f) ?? 0) / workers;
  return fixedCost(model) + Math.max((once + own / workers) / splits, overhead.perFileSeconds + Math.max(longest, own / workers / splits));
}
function orderSelectors(units, workers, lead = []) {
  if (workers <= 1) return [...lead, ...sortIds(units.flatMap((u) => u.selectors))];
  const ordered = units.map((u, i) => ({ u, i })).sort((a, b) => b.u.seconds - a.u.seconds || a.i - b.i);
  return [...lead, ...ordered.flatMap((x) => x.u.selectors)];
}

// src/core/overhead.ts
var DEFAULT_OVERHEAD = { fixedSeconds: 0, perFileSeconds: 0, source: "default", samples: 0 };
var DEFAULT_STARTUP_SECONDS = 0.3;
function learnOverhead(samples, startupSeconds = DEFAULT_STARTUP_SECONDS) {
  const usable = samples.filter((s) => s.files > 0 && Number.isFinite(s.suiteSeconds)).map((s) => ({ files: s.files, extra: Math.max(0, s.suiteSeconds - s.testSeconds) })).sort((a, b) => a.files - b.files || a.extra - b.extra);
  if (usable.length === 0) return void 0;
  const distinctFiles = new Set(usable.map((s) => s.files)).size;
  let fixed = 0;
  let perFile;
  if (distinctFiles >= 2) {
    const fit = linearRegression(usable.map((s) => [s.files, s.extra]));
    if (fit.m >= 0 && fit.b >= 0) {
      fixed = fit.b;
      perFile = fit.m;
    } else {
      perFile = ratio(usable);
    }
  } else {
    perFile = ratio(usable);
  }
  return { fixedSeconds: startupSeconds + fixed, perFileSeconds: perFile, source: "junit", samples: usable.length };
}
function ratio(usable) {
  return sum(usable.map((s) => s.extra)) / sum(usable.map((s) => s.files));
}
var NO_SETUPS = {
  sessionSeconds: 0,
  fileSeconds: /* @__PURE__ */ new Map(),
  classSeconds: /* @__PURE__ */ new Map(),
  fileShare: /* @__PURE__ */ new Map(),
  classShare: /* @__PURE__ */ new Map()
};
function classKeyOf2(id) {
  return classKeyOf(id);
}
function functionOf(id) {
  const bracket = id.indexOf("[");
  return bracket === -1 ? id : id.slice(0, bracket);
}
function containerOf(id) {
  const fn = functionOf(id);
  const sep2 = fn.lastIndexOf("::");
  return sep2 === -1 ? fn : fn.slice(0, sep2);
}
function excessOfFirst(tests) {
  const first = tests[0];
  if (!first || tests.length < 2) return void 0;
  const rest = tests.slice(1);
  const fn = functionOf(first.id);
  const container = containerOf(first.id);
  let peers = rest.filter((t) => functionOf(t.id) === fn);
  if (peers.length === 0) peers = rest.filter((t) => containerOf(t.id) === container);
  if (peers.length === 0) peers = rest;
  return { first, seconds: Math.max(0, first.time - median2(peers.map((t) => t.time))) };
}
function groupBy(cases, key) {
  const out = /* @__PURE__ */ new Map();
  for (const c of cases) {
    if (c.skipped) continue;
    const k = key(c);
    if (k === void 0) continue;
    const list2 = out.get(k);
    if (list2) list2.push(c);
    else out.set(k, [c]);
  }
  return out;
}
function evidencedSetup(seen) {
  const measured = seen.filter((o) => o.excess !== void 0);
  if (new Set(measured.map((o) => o.first.id)).size < 2) return void 0;
  return Math.min(...measured.map((o) => o.excess));
}
function learnSetups(runs) {
  const files = /* @__PURE__ */ new Map();
  const classes = /* @__PURE__ */ new Map();
  const runFirsts = [];
  const ranIn = /* @__PURE__ */ new Map();
  const push = (m, k, v) => {
    const list2 = m.get(k);
    if (list2) list2.push(v);
    else m.set(k, [v]);
  };
  for (const run of runs) {
    for (const c of run) if (!c.skipped) ranIn.set(c.id, (ranIn.get(c.id) ?? 0) + 1);
    const firstCase = run.find((c) => !c.skipped);
    if (!firstCase) continue;
    runFirsts.push({ first: firstCase, file: fileOf(firstCase.id) });
    const fileFirst = /* @__PURE__ */ new Map();
    for (const [file, tests] of groupBy(run, (c) => fileOf(c.id))) {
      const first = tests[0];
      fileFirst.set(file, first.id);
      const e = excessOfFirst(tests);
      push(files, file, { first, ...e ? { excess: e.seconds } : {}, runFirst: first.id === firstCase.id });
    }
    for (const [cls, tests] of groupBy(run, (c) => classKeyOf2(c.id))) {
      const first = tests[0];
      const e = excessOfFirst(tests);
      push(classes, cls, {
        first,
        ...e ? { excess: e.seconds } : {},
        runFirst: first.id === firstCase.id,
        fileFirst: fileFirst.get(fileOf(first.id)) === first.id
      });
    }
  }
  const fileSeconds = /* @__PURE__ */ new Map();
  for (const [file, seen] of files) {
    const setup = evidencedSetup(seen);
    if (setup !== void 0 && setup > 0) fileSeconds.set(file, setup);
  }
  const sessionSeen = runFirsts.map(({ first, file }) => {
    const own = files.get(file)?.find((o) => o.first === first);
    return own?.excess === void 0 ? { first } : { first, excess: Math.max(0, own.excess - (fileSeconds.get(file) ?? 0)) };
  });
  const sessionSeconds = evidencedSetup(sessionSeen) ?? 0;
  const classSeconds = /* @__PURE__ */ new Map();
  for (const [cls, seen] of classes) {
    const file = fileOf(cls);
    const own = seen.map(
      (o) => o.excess === void 0 || !o.fileFirst ? o : { ...o, excess: Math.max(0, o.excess - (fileSeconds.get(file) ?? 0) - (o.runFirst ? sessionSeconds : 0)) }
    );
    const setup = evidencedSetup(own);
    if (setup !== void 0 && setup > 0) classSeconds.set(cls, setup);
  }
  const fileShare = /* @__PURE__ */ new Map();
  const classShare = /* @__PURE__ */ new Map();
  const share = (m, id, v) => {
    if (v > 0) m.set(id, (m.get(id) ?? 0) + v);
  };
  const paidFile = /* @__PURE__ */ new Map();
  for (const [file, seen] of files) {
    for (const o of seen) {
      const paid = Math.min(o.first.time, (fileSeconds.get(file) ?? 0) + (o.runFirst ? sessionSeconds : 0));
      paidFile.set(o, paid);
      share(fileShare, o.first.id, paid);
    }
  }
  for (const [cls, seen] of classes) {
    const setup = classSeconds.get(cls);
    if (setup === void 0) continue;
    const fileSeen = files.get(fileOf(cls)) ?? [];
    for (const o of seen) {
      const fileOwn = o.fileFirst ? fileSeen.find((f) => f.first === o.first) : void 0;
      share(classShare, o.first.id, Math.min(setup, o.first.time - (fileOwn ? paidFile.get(fileOwn) ?? 0 : 0)));
    }
  }
  const perRun = (m) => new Map([...m].map(([id, v]) => [id, v / (ranIn.get(id) ?? 1)]));
  return {
    sessionSeconds,
    fileSeconds,
    classSeconds,
    fileShare: perRun(fileShare),
    classShare: perRun(classShare)
  };
}
function runsOf(cases) {
  const runs = /* @__PURE__ */ new Map();
  for (const c of cases) {
    const run = runs.get(c.report);
    const rc = { id: c.id, time: c.time, skipped: c.outcome === "skipped" };
    if (run) run.push(rc);
    else runs.set(c.report, [rc]);
  }
  return [...runs.keys()].sort((a, b) => a - b).map((k) => runs.get(k));
}

// src/core/pace.ts
var PACE_FLOOR_SECONDS = 0.05;
var MIN_PACE_EVIDENCE = 3;
var RUNNER_FACTOR = 1.35;
var RUN_PACE_SPREAD = 0.25;
function reportPaces(stored, cases) {
  const byReport = /* @__PURE__ */ new Map();
  const storedOf = /* @__PURE__ */ new Map();
  const measuredOf = /* @__PURE__ */ new Map();
  const measured = /* @__PURE__ */ new Set();
  for (const c of cases) {
    if (!isMeasurement(c.outcome)) continue;
    measured.add(c.id);
    let files = byReport.get(c.report);
    if (!files) {
      byReport.set(c.report, files = /* @__PURE__ */ new Map());
      storedOf.set(c.report, []);
      measuredOf.set(c.report, []);
    }
    const s = stored.get(c.id);
    if (s === void 0 || !(s > 0)) continue;
    const file = fileOf(c.id);
    let ratios = files.get(file);
    if (!ratios) files.set(file, ratios = []);
    ratios.push({ value: c.time / s, weight: Math.min(1, s / PACE_FLOOR_SECONDS) });
    storedOf.get(c.report)?.push(s);
    measuredOf.get(c.report)?.push(c.time);
  }
  const reports = [...byReport.keys()].sort((a, b) => a - b).map((report2) => {
    const files = [...(byReport.get(report2) ?? /* @__PURE__ */ new Map()).values()].map((ratios) => ({
      value: weightedQuantile(ratios, 0.5),
      weight: Math.min(1, sum(ratios.map((r) => r.weight).sort((a, b) => a - b)))
    }));
    const evidence = sum(files.map((f) => f.weight).sort((a, b) => a - b));
    const storedSeconds = sum((storedOf.get(report2) ?? []).sort((a, b) => a - b));
    const measuredSeconds2 = sum((measuredOf.get(report2) ?? []).sort((a, b) => a - b));
    const out = { report: report2, evidence, storedSeconds, factor: 1 };
    if (storedSeconds > 0) out.secondsRatio = measuredSeconds2 / storedSeconds;
    if (evidence >= MIN_PACE_EVIDENCE) out.pace = weightedQuantile(files, 0.5);
    return out;
  });
  const paced = reports.filter((r) => r.pace !== void 0);
  const unmeasured = sum(
    [...stored].filter(([id]) => !measured.has(id)).map(([, s]) => Math.max(0, s)).sort((a, b) => a - b)
  );
  const runPace = agreed(
    paced.map((r) => ({ value: r.pace, weight: r.storedSeconds })),
    unmeasured
  );
  const runSecondsRatio = agreed(
    paced.map((r) => ({ value: r.secondsRatio ?? 1, weight: r.storedSeconds })),
    unmeasured
  );
  for (const r of paced) {
    if (!(r.pace > 0 && runPace > 0 && (r.secondsRatio ?? 0) > 0 && runSecondsRatio > 0)) continue;
    const factor = nearerOne(r.pace / runPace, r.secondsRatio / runSecondsRatio);
    if (factor >= RUNNER_FACTOR || factor <= 1 / RUNNER_FACTOR) r.factor = factor;
  }
  return { runPace, runSecondsRatio, reports };
}
function agreed(reports, unmeasured) {
  const votes = unmeasured > 0 ? [...reports, { value: 1, weight: unmeasured }] : reports;
  if (!votes.some((v) => v.weight > 0)) return 1;
  const lo = weightedQuantile(votes, 0.5 - RUN_PACE_SPREAD);
  const hi = weightedQuantile(votes, 0.5 + RUN_PACE_SPREAD);
  return Math.min(hi, Math.max(lo, 1));
}
function nearerOne(a, b) {
  if (a >= 1 && b >= 1) return Math.min(a, b);
  if (a <= 1 && b <= 1) return Math.max(a, b);
  return 1;
}
function weightedQuantile(items, q) {
  const sorted = [...items].filter((i) => i.weight > 0).sort((a, b) => a.value - b.value || a.weight - b.weight);
  const total = sum(sorted.map((i) => i.weight));
  let acc = 0;
  for (const i of sorted) {
    acc += i.weight;
    if (acc >= q * total) return i.value;
  }
  return sorted[sorted.length - 1].value;
}

// src/core/testPace.ts
var MIN_PACE_SECONDS = 1;
var PACE_BAND = 0.05;
function learnTestPace(pairs, stored) {
  let measured = 0;
  let base = 0;
  for (const [m, s] of pairs) {
    if (!(s > 0) || !Number.isFinite(m)) continue;
    measured += m;
    base += s;
  }
  const keep = () => stored === void 0 ? { change: "none" } : { testPace: stored, change: "unchanged" };
  if (measured < MIN_PACE_SECONDS || base <= 0) return keep();
  const learned = Math.round(measured / base * 1e3) / 1e3;
  const reference = stored ?? 1;
  if (Math.abs(learned - reference) < PACE_BAND * reference) return keep();
  if (Math.abs(learned - 1) < PACE_BAND) return stored === void 0 ? { change: "none" } : { change: "removed" };
  return { testPace: learned, change: stored === void 0 ? "added" : "updated" };
}

// src/core/xdist.ts
var ROUNDING_PER_CASE = 5e-4;
var MIN_RETURNS = 2;
function fileReturns(cases) {
  const seen = /* @__PURE__ */ new Set();
  let prev;
  let returns = 0;
  for (const c of cases) {
    if (c.file !== prev) {
      if (seen.has(c.file)) returns++;
      seen.add(c.file);
      prev = c.file;
    }
  }
  return returns;
}
function parallelEvidence(r) {
  if (r.suiteSeconds !== void 0 && r.cases.length > 0) {
    let sum2 = 0;
    for (const c of r.cases) sum2 += c.seconds;
    if (sum2 > r.suiteSeconds * 1.02 + ROUNDING_PER_CASE * r.cases.length + 0.05) return "sum";
  }
  return fileReturns(r.cases) >= MIN_RETURNS ? "interleaved" : void 0;
}
function looksParallel(r) {
  return parallelEvidence(r) !== void 0;
}
function learnWorkerStart(samples, workers, plain) {
  const beyond = beyondTests(samples, workers);
  if (beyond === void 0) return void 0;
  const inSession = plain?.inSessionSeconds ?? 0;
  if (new Set(beyond.map((b) => b.files)).size >= 2 && beyond.length >= (plain ? 3 : 2)) {
    const fit = linearRegression(beyond.map((b) => [b.files, b.extra]));
    if (fit.m >= 0 && fit.b >= inSession) return { workerStartSeconds: fit.b - inSession, perFileSeconds: fit.m, samples: beyond.length };
  }
  if (plain) return workerStartBeyond(beyond, plain);
  return { workerStartSeconds: median2(beyond.map((b) => b.extra)), perFileSeconds: 0, samples: beyond.length };
}
function learnWorkerStartBeyond(samples, workers, plain) {
  const beyond = beyondTests(samples, workers);
  if (beyond === void 0) return void 0;
  return workerStartBeyond(beyond, plain);
}
function beyondTests(samples, workers) {
  const usable = samples.filter((s) => s.files > 0 && Number.isFinite(s.suiteSeconds) && s.caseSeconds.length > 0);
  if (usable.length === 0 || workers < 2) return void 0;
  return usable.map((s) => ({ files: s.files, extra: Math.max(0, s.suiteSeconds - spreadSeconds(s.caseSeconds, workers)) }));
}
function workerStartBeyond(beyond, plain) {
  const start = median2(beyond.map((b) => Math.max(0, b.extra - plain.perFileSeconds * b.files - plain.inSessionSeconds)));
  return { workerStartSeconds: start, samples: beyond.length };
}
function reportShapes(reports, cases) {
  const shapes = reports.map((r) => {
    const timed = r.suites.length > 0 && r.suites.every((s) => s.time !== void 0);
    return timed ? { suiteSeconds: r.suites.reduce((a, s) => a + s.time, 0), cases: [] } : { cases: [] };
  });
  for (const c of cases) shapes[c.report]?.cases.push({ file: fileOf(c.id), seconds: c.time });
  return shapes;
}
var PLAIN_FILES = 3;
function parallelReports(shapes) {
  const kinds = shapes.map(
    (s) => looksParallel(s) ? "parallel" : fileReturns(s.cases) === 0 && new Set(s.cases.map((c) => c.file)).size >= PLAIN_FILES ? "plain" : void 0
  );
  const parallel = kinds.filter((k) => k === "parallel").length;
  const plain = kinds.filter((k) => k === "plain").length;
  const unknownIsParallel = parallel > 0 && parallel >= plain;
  const out = /* @__PURE__ */ new Set();
  kinds.forEach((k, i) => {
    if (k === "parallel" || k === void 0 && unknownIsParallel) out.add(i);
  });
  return out;
}
function parallelSamples(shapes, parallel) {
  const out = [];
  shapes.forEach((s, i) => {
    if (!parallel.has(i) || s.suiteSeconds === void 0) return;
    out.push({ suiteSeconds: s.suiteSeconds, caseSeconds: s.cases.map((c) => c.seconds), files: new Set(s.cases.map((c) => c.file)).size, report: i });
  });
  return out;
}

// src/core/refresh.ts
var SMOOTHINGS = ["pace", "ema", "replace"];
var DEFAULT_SMOOTHING = "pace";
var DEFAULT_ALPHA = 0.5;
var DEFAULT_MIN_CHANGE_SECONDS = 0.1;
var DEFAULT_MIN_CHANGE_RATIO = 0.2;
var UNPACED_MIN_CHANGE_RATIO = 0.5;
function refreshDurations(stored, measured, opts) {
  const paces = opts.smoothing === "pace" ? reportPaces(stored, measured) : void 0;
  const factors = new Map((paces?.reports ?? []).map((r) => [r.report, r.factor]));
  const paced = new Set((paces?.reports ?? []).filter((r) => r.pace !== void 0).map((r) => r.report));
  const corroborated = /* @__PURE__ */ new Set();
  const times = /* @__PURE__ */ new Map();
  const seen = /* @__PURE__ */ new Set();
  for (const c of measured) {
    seen.add(c.id);
    if (!isMeasurement(c.outcome)) continue;
    if (paced.has(c.report)) corroborated.add(c.id);
    const t = c.time / (factors.get(c.report) ?? 1);
    const list2 = times.get(c.id);
    if (list2) list2.push(t);
    else times.set(c.id, [t]);
  }
  const measurement = (id) => {
    const list2 = times.get(id);
    return list2 === void 0 ? void 0 : meanSeconds(list2);
  };
  const collected = opts.collected ? new Set(opts.collected) : void 0;
  const protectedModules = new Set(opts.uncollectedModules ?? []);
  const exists = (id) => {
    if (collected) return collected.has(id);
    if (opts.completeRun) return seen.has(id) || protectedModules.has(moduleOfFile(fileOf(id)));
    return true;
  };
  const timings = /* @__PURE__ */ new Map();
  const added = [];
  const updated = [];
  const removed = [];
  const unrecorded = [];
  const ignored = [];
  let unchanged = 0;
  let notMeasured = 0;
  const pacePairs = [];
  const ids = [.../* @__PURE__ */ new Set([...stored.keys(), ...seen])].sort(compareIds);
  for (const id of ids) {
    const old = stored.get(id);
    const m = measurement(id);
    if (old === void 0) {
      if (!exists(id)) ignored.push(id);
      else if (m === void 0) unrecorded.push(id);
      else {
        timings.set(id, roundMs(m));
        added.push(id);
      }
      continue;
    }
    if (!exists(id)) {
      removed.push(id);
      continue;
    }
    const uncorroborated = paced.size > 0 && !corroborated.has(id);
    const next = m === void 0 ? void 0 : nextValue(old, m, uncorroborated ? { ...opts, minChangeRatio: Math.max(opts.minChangeRatio, UNPACED_MIN_CHANGE_RATIO) } : opts);
    if (m !== void 0) pacePairs.push([m, next ?? old]);
    if (next === void 0) {
      timings.set(id, old);
      unchanged++;
      if (m === void 0) notMeasured++;
    } else {
      timings.set(id, next);
      updated.push(id);
    }
  }
  const { overhead, change } = refreshOverhead(opts, factors);
  const worker = refreshWorkerStart(opts, factors, overhead);
  const pace = opts.smoothing === "pace" ? learnTestPace(pacePairs, opts.storedTestPace) : opts.storedTestPace === void 0 ? { change: "none" } : { testPace: opts.storedTestPace, change: "unchanged" };
  const changed = added.length + updated.length + removed.length > 0 || change === "added" || change === "updated" || pace.change === "added" || pace.change === "updated" || pace.change === "removed" || worker.change === "added" || worker.change === "updated";
  return {
    timings,
    ...overhead ? { overhead } : {},
    overheadChange: change,
    ...pace.testPace !== void 0 ? { testPace: pace.testPace } : {},
    testPaceChange: pace.change,
    added,
    updated,
    removed,
    unchanged,
    notMeasured,
    unrecorded,
    ignored,
    totalBefore: sortedSum(stored.values()),
    totalAfter: sortedSum(timings.values()),
    changed,
    ...paces ? { paces } : {},
    ...worker.workerStart ? { workerStart: worker.workerStart } : {},
    workerStartChange: worker.change,
    ...xdistWithoutWorkers(opts)
  };
}
function nextValue(old, measured, opts) {
  if (Math.abs(measured - old) < band(old, opts)) return void 0;
  const next = roundMs(opts.smoothing === "ema" ? old + opts.alpha * (measured - old) : measured);
  return next === roundMs(old) ? void 0 : next;
}
function band(old, opts) {
  return Math.max(opts.minChangeSeconds, opts.minChangeRatio * Math.abs(old));
}
function refreshOverhead(opts, factors) {
  const old = opts.storedOverhead;
  const samples = (opts.overheadSamples ?? []).filter((s) => s.files > 0).map((s) => {
    const f = s.report === void 0 ? 1 : factors.get(s.report) ?? 1;
    return f === 1 ? s : { ...s, suiteSeconds: s.suiteSeconds / f, testSeconds: s.testSeconds / f };
  });
  const learned = learnOverhead(samples);
  if (learned === void 0) return old ? { overhead: old, change: "unchanged" } : { change: "none" };
  if (old === void 0) return { overhead: roundOverhead(learned), change: "added" };
  const next = opts.smoothing !== "ema" ? { ...learned } : {
    fixedSeconds: old.fixedSeconds + opts.alpha * (learned.fixedSeconds - old.fixedSeconds),
    perFileSeconds: old.perFileSeconds + opts.alpha * (learned.perFileSeconds - old.perFileSeconds),
    source: learned.source,
    samples: 0
  };
  next.samples = old.samples + learned.samples;
  const files = sum(samples.map((s) => s.files)) / samples.length;
  const moved = Math.abs(next.fixedSeconds - old.fixedSeconds) + Math.abs(next.perFileSeconds - old.perFileSeconds) * files;
  if (moved < band(old.fixedSeconds + old.perFileSeconds * files, opts)) return { overhead: old, change: "unchanged" };
  return { overhead: roundOverhead(next), change: "updated" };
}
function xdistWithoutWorkers(opts) {
  const n = (opts.parallelSamples ?? []).length;
  return n > 0 && (opts.workers ?? 1) < 2 ? { xdistWithoutWorkers: n } : {};
}
function refreshWorkerStart(opts, factors, overhead) {
  const old = opts.storedWorkerStart;
  const kept = old ? { workerStart: old, change: "unchanged" } : { change: "none" };
  const workers = opts.workers ?? 1;
  if (workers < 2) return kept;
  const samples = (opts.parallelSamples ?? []).map((s) => {
    const f = s.report === void 0 ? 1 : factors.get(s.report) ?? 1;
    return f === 1 ? s : { ...s, suiteSeconds: s.suiteSeconds / f, caseSeconds: s.caseSeconds.map((c) => c / f) };
  });
  const model = overhead ?? DEFAULT_OVERHEAD;
  const learned = learnWorkerStartBeyond(samples, workers, {
    perFileSeconds: model.perFileSeconds,
    inSessionSeconds: Math.max(0, model.fixedSeconds - DEFAULT_STARTUP_SECONDS)
  });
  if (learned === void 0) return kept;
  const fresh = { workerStartSeconds: roundMs(learned.workerStartSeconds), workers };
  if (old === void 0) return { workerStart: fresh, change: "added" };
  if (old.workers !== workers) return { workerStart: fresh, change: "updated" };
  const target = opts.smoothing === "ema" ? old.workerStartSeconds + opts.alpha * (learned.workerStartSeconds - old.workerStartSeconds) : learned.workerStartSeconds;
  if (Math.abs(target - old.workerStartSeconds) < band(old.workerStartSeconds, opts)) return kept;
  const next = roundMs(target);
  return next === old.workerStartSeconds ? kept : { workerStart: { workerStartSeconds: next, workers }, change: "updated" };
}
function roundOverhead(o) {
  return { ...o, fixedSeconds: roundMicro(o.fixedSeconds), perFileSeconds: roundMicro(o.perFileSeconds) };
}
function roundMicro(x) {
  const r = Math.round(x * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}
function sortedSum(values) {
  return sum([...values].sort((a, b) => a - b));
}

// src/io/files.ts
import { isUtf8 } from "node:buffer";
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, statSync as statSync2, unlinkSync, writeSync } from "node:fs";
import { dirname as dirname2, basename as basename2, join, resolve as resolve3 } from "node:path";

// node_modules/tinyglobby/dist/index.mjs
import { readdir, readdirSync, realpath, realpathSync, stat, statSync } from "fs";
import { isAbsolute, posix, resolve as resolve2 } from "path";
import { fileURLToPath } from "url";

// node_modules/fdir/dist/index.mjs
import { createRequire } from "module";
import { basename, dirname, normalize, relative, resolve, sep } from "path";
import * as nativeFs from "fs";
var __require = /* @__PURE__ */ createRequire(import.meta.url);
function cleanPath(path) {
  let normalized = normalize(path);
  if (normalized.length > 1 && normalized[normalized.length - 1] === sep) normalized = normalized.substring(0, normalized.length - 1);
  return normalized;
}
var SLASHES_REGEX = /[\\/]/g;
function convertSlashes(path, separator) {
  return path.replace(SLASHES_REGEX, separator);
}
var WINDOWS_ROOT_DIR_REGEX = /^[a-z]:[\\/]$/i;
function isRootDirectory(path) {
  return path === "/" || WINDOWS_ROOT_DIR_REGEX.test(path);
}
function normalizePath(path, options) {
  const { resolvePaths, normalizePath: normalizePath$1, pathSeparator } = options;
  const pathNeedsCleaning = process.platform === "win32" && path.includes("/") || path.startsWith(".");
  if (resolvePaths) path = resolve(path);
  if (normalizePath$1 || pathNeedsCleaning) path = cleanPath(path);
  if (path === ".") return "";
  const needsSeperator = path[path.length - 1] !== pathSeparator;
  return convertSlashes(needsSeperator ? path + pathSeparator : path, pathSeparator);
}
function joinPathWithBasePath(filename, directoryPath) {
  return directoryPath + filename;
}
function joinPathWithRelativePath(root, options) {
  return function(filename, directoryPath) {
    const sameRoot = directoryPath.startsWith(root);
    if (sameRoot) return directoryPath.slice(root.length) + filename;
    else return convertSlashes(relative(root, directoryPath), options.pathSeparator) + options.pathSeparator + filename;
  };
}
function joinPath(filename) {
  return filename;
}
function joinDirectoryPath(filename, directoryPath, separator) {
  return directoryPath + filename + separator;
}
function build$7(root, options) {
  const { relativePaths, includeBasePath } = options;
  return relativePaths && root ? joinPathWithRelativePath(root, options) : includeBasePath ? joinPathWithBasePath : joinPath;
}
function pushDirectoryWithRelativePath(root) {
  return function(directoryPath, paths) {
    paths.push(directoryPath.substring(root.length) || ".");
  };
}
function pushDirectoryFilterWithRelativePath(root) {
  return function(directoryPath, paths, filters) {
    const relativePath = directoryPath.substring(root.length) || ".";
    if (filters.every((filter) => filter(relativePath, true))) paths.push(relativePath);
  };
}
var pushDirectory = (directoryPath, paths) => {
  paths.push(directoryPath || ".");
};
var pushDirectoryFilter = (directoryPath, paths, filters) => {
  const path = directoryPath || ".";
  if (filters.every((filter) => filter(path, true))) paths.push(path);
};
var empty$2 = () => {
};
function build$6(root, options) {
  const { includeDirs, filters, relativePaths } = options;
  if (!includeDirs) return empty$2;
  if (relativePaths) return filters && filters.length ? pushDirectoryFilterWithRelativePath(root) : pushDirectoryWithRelativePath(root);
  return filters && filters.length ? pushDirectoryFilter : pushDirectory;
}
var pushFileFilterAndCount = (filename, _paths, counts, filters) => {
  if (filters.every((filter) => filter(filename, false))) counts.files++;
};
var pushFileFilter = (filename, paths, _counts, filters) => {
  if (filters.every((filter) => filter(filename, false))) paths.push(filename);
};
var pushFileCount = (_filename, _paths, counts, _filters) => {
  counts.files++;
};
var pushFile = (filename, paths) => {
  paths.push(filename);
};
var empty$1 = () => {
};
function build$5(options) {
  const { excludeFiles, filters, onlyCounts } = options;
  if (excludeFiles) return empty$1;
  if (filters && filters.length) return onlyCounts ? pushFileFilterAndCount : pushFileFilter;
  else if (onlyCounts) return pushFileCount;
  else return pushFile;
}
var getArray = (paths) => {
  return paths;
};
var getArrayGroup = () => {
  return [""].slice(0, 0);
};
function build$4(options) {
  return options.group ? getArrayGroup : getArray;
}
var groupFiles = (groups, directory, files) => {
  groups.push({
    directory,
    files,
    dir: directory
  });
};
var empty = () => {
};
function build$3(options) {
  return options.group ? groupFiles : empty;
}
var resolveSymlinksAsync = function(path, state, callback$1) {
  const { queue, fs, options: { suppressErrors } } = state;
  queue.enqueue();
  fs.realpath(path, (error, resolvedPath) => {
    if (error) return queue.dequeue(suppressErrors ? null : error, state);
    fs.stat(resolvedPath, (error$1, stat2) => {
      if (error$1) return queue.dequeue(suppressErrors ? null : error$1, state);
      if (stat2.isDirectory() && isRecursive(path, resolvedPath, state)) return queue.dequeue(null, state);
      callback$1(stat2, resolvedPath);
      queue.dequeue(null, state);
    });
  });
};
var resolveSymlinks = function(path, state, callback$1) {
  const { queue, fs, options: { suppressErrors } } = state;
  queue.enqueue();
  try {
    const resolvedPath = fs.realpathSync(path);
    const stat2 = fs.statSync(resolvedPath);
    if (stat2.isDirectory() && isRecursive(path, resolvedPath, state)) return;
    callback$1(stat2, resolvedPath);
  } catch (e) {
    if (!suppressErrors) throw e;
  }
};
function build$2(options, isSynchronous) {
  if (!options.resolveSymlinks || options.excludeSymlinks) return null;
  return isSynchronous ? resolveSymlinks : resolveSymlinksAsync;
}
function isRecursive(path, resolved, state) {
  if (state.options.useRealPaths) return isRecursiveUsingRealPaths(resolved, state);
  let parent = dirname(path);
  let depth = 1;
  while (parent !== state.root && depth < 2) {
    const resolvedPath = state.symlinks.get(parent);
    const isSameRoot = !!resolvedPath && (resolvedPath === resolved || resolvedPath.startsWith(resolved) || resolved.startsWith(resolvedPath));
    if (isSameRoot) depth++;
    else parent = dirname(parent);
  }
  state.symlinks.set(path, resolved);
  return depth > 1;
}
function isRecursiveUsingRealPaths(resolved, state) {
  return state.visited.includes(resolved + state.options.pathSeparator);
}
var onlyCountsSync = (state) => {
  return state.counts;
};
var groupsSync = (state) => {
  return state.groups;
};
var defaultSync = (state) => {
  return state.paths;
};
var limitFilesSync = (state) => {
  return state.paths.slice(0, state.options.maxFiles);
};
var onlyCountsAsync = (state, error, callback$1) => {
  report(error, callback$1, state.counts, state.options.suppressErrors);
  return null;
};
var defaultAsync = (state, error, callback$1) => {
  report(error, callback$1, state.paths, state.options.suppressErrors);
  return null;
};
var limitFilesAsync = (state, error, callback$1) => {
  report(error, callback$1, state.paths.slice(0, state.options.maxFiles), state.options.suppressErrors);
  return null;
};
var groupsAsync = (state, error, callback$1) => {
  report(error, callback$1, state.groups, state.options.suppressErrors);
  return null;
};
function report(error, callback$1, output, suppressErrors) {
  if (error && !suppressErrors) callback$1(error, output);
  else callback$1(null, output);
}
function build$1(options, isSynchronous) {
  const { onlyCounts, group, maxFiles } = options;
  if (onlyCounts) return isSynchronous ? onlyCountsSync : onlyCountsAsync;
  else if (group) return isSynchronous ? groupsSync : groupsAsync;
  else if (maxFiles) return isSynchronous ? limitFilesSync : limitFilesAsync;
  else return isSynchronous ? defaultSync : defaultAsync;
}
var readdirOpts = { withFileTypes: true };
var walkAsync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
  state.queue.enqueue();
  if (currentDepth < 0) return state.queue.dequeue(null, state);
  const { fs } = state;
  state.visited.push(crawlPath);
  state.counts.directories++;
  fs.readdir(crawlPath || ".", readdirOpts, (error, entries = []) => {
    callback$1(entries, directoryPath, currentDepth);
    state.queue.dequeue(state.options.suppressErrors ? null : error, state);
  });
};
var walkSync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
  const { fs } = state;
  if (currentDepth < 0) return;
  state.visited.push(crawlPath);
  state.counts.directories++;
  let entries = [];
  try {
    entries = fs.readdirSync(crawlPath || ".", readdirOpts);
  } catch (e) {
    if (!state.options.suppressErrors) throw e;
  }
  callback$1(entries, directoryPath, currentDepth);
};
function build(isSynchronous) {
  return isSynchronous ? walkSync : walkAsync;
}
var Queue = class {
  count = 0;
  constructor(onQueueEmpty) {
    this.onQueueEmpty = onQueueEmpty;
  }
  enqueue() {
    this.count++;
    return this.count;
  }
  dequeue(error, output) {
    if (this.onQueueEmpty && (--this.count <= 0 || error)) {
      this.onQueueEmpty(error, output);
      if (error) {
        output.controller.abort();
        this.onQueueEmpty = void 0;
      }
    }
  }
};
var Counter = class {
  _files = 0;
  _directories = 0;
  set files(num) {
    this._files = num;
  }
  get files() {
    return this._files;
  }
  set directories(num) {
    this._directories = num;
  }
  get directories() {
    return this._directories;
  }
  /**
  * @deprecated use `directories` instead
  */
  /* c8 ignore next 3 */
  get dirs() {
    return this._directories;
  }
};
var Aborter = class {
  aborted = false;
  abort() {
    this.aborted = true;
  }
};
var Walker = class {
  root;
  isSynchronous;
  state;
  joinPath;
  pushDirectory;
  pushFile;
  getArray;
  groupFiles;
  resolveSymlink;
  walkDirectory;
  callbackInvoker;
  constructor(root, options, callback$1) {
    this.isSynchronous = !callback$1;
    this.callbackInvoker = build$1(options, this.isSynchronous);
    this.root = normalizePath(root, options);
    this.state = {
      root: isRootDirectory(this.root) ? this.root : this.root.slice(0, -1),
      paths: [""].slice(0, 0),
      groups: [],
      counts: new Counter(),
      options,
      queue: new Queue((error, state) => this.callbackInvoker(state, error, callback$1)),
      symlinks: /* @__PURE__ */ new Map(),
      visited: [""].slice(0, 0),
      controller: new Aborter(),
      fs: options.fs || nativeFs
    };
    this.joinPath = build$7(this.root, options);
    this.pushDirectory = build$6(this.root, options);
    this.pushFile = build$5(options);
    this.getArray = build$4(options);
    this.groupFiles = build$3(options);
    this.resolveSymlink = build$2(options, this.isSynchronous);
    this.walkDirectory = build(this.isSynchronous);
  }
  start() {
    this.pushDirectory(this.root, this.state.paths, this.state.options.filters);
    this.walkDirectory(this.state, this.root, this.root, this.state.options.maxDepth, this.walk);
    return this.isSynchronous ? this.callbackInvoker(this.state, null) : null;
  }
  walk = (entries, directoryPath, depth) => {
    const { paths, options: { filters, resolveSymlinks: resolveSymlinks$1, excludeSymlinks, exclude, maxFiles, signal, useRealPaths, pathSeparator }, controller } = this.state;
    if (controller.aborted || signal && signal.aborted || maxFiles && paths.length > maxFiles) return;
    const files = this.getArray(this.state.paths);
    for (let i = 0; i < entries.length; ++i) {
      const entry = entries[i];
      if (entry.isFile() || entry.isSymbolicLink() && !resolveSymlinks$1 && !excludeSymlinks) {
        const filename = this.joinPath(entry.name, directoryPath);
        this.pushFile(filename, files, this.state.counts, filters);
      } else if (entry.isDirectory()) {
        let path = joinDirectoryPath(entry.name, directoryPath, this.state.options.pathSeparator);
        if (exclude && exclude(entry.name, path)) continue;
        this.pushDirectory(path, paths, filters);
        this.walkDirectory(this.state, path, path, depth - 1, this.walk);
      } else if (this.resolveSymlink && entry.isSymbolicLink()) {
        let path = joinPathWithBasePath(entry.name, directoryPath);
        this.resolveSymlink(path, this.state, (stat2, resolvedPath) => {
          if (stat2.isDirectory()) {
            resolvedPath = normalizePath(resolvedPath, this.state.options);
            if (exclude && exclude(entry.name, useRealPaths ? resolvedPath : path + pathSeparator)) return;
            this.walkDirectory(this.state, resolvedPath, useRealPaths ? resolvedPath : path + pathSeparator, depth - 1, this.walk);
          } else {
            resolvedPath = useRealPaths ? resolvedPath : path;
            const filename = basename(resolvedPath);
            const directoryPath$1 = normalizePath(dirname(resolvedPath), this.state.options);
            resolvedPath = this.joinPath(filename, directoryPath$1);
            this.pushFile(resolvedPath, files, this.state.counts, filters);
          }
        });
      }
    }
    this.groupFiles(this.state.groups, directoryPath, files);
  };
};
function promise(root, options) {
  return new Promise((resolve$1, reject) => {
    callback(root, options, (err, output) => {
      if (err) return reject(err);
      resolve$1(output);
    });
  });
}
function callback(root, options, callback$1) {
  let walker = new Walker(root, options, callback$1);
  walker.start();
}
function sync(root, options) {
  const walker = new Walker(root, options);
  return walker.start();
}
var APIBuilder = class {
  constructor(root, options) {
    this.root = root;
    this.options = options;
  }
  withPromise() {
    return promise(this.root, this.options);
  }
  withCallback(cb) {
    callback(this.root, this.options, cb);
  }
  sync() {
    return sync(this.root, this.options);
  }
};
var pm = null;
try {
  __require.resolve("picomatch");
  pm = __require("picomatch");
} catch {
}
var Builder = class {
  globCache = {};
  options = {
    maxDepth: Infinity,
    suppressErrors: true,
    pathSeparator: sep,
    filters: []
  };
  globFunction;
  constructor(options) {
    this.options = {
      ...this.options,
      ...options
    };
    this.globFunction = this.options.globFunction;
  }
  group() {
    this.options.group = true;
    return this;
  }
  withPathSeparator(separator) {
    this.options.pathSeparator = separator;
    return this;
  }
  withBasePath() {
    this.options.includeBasePath = true;
    return this;
  }
  withRelativePaths() {
    this.options.relativePaths = true;
    return this;
  }
  withDirs() {
    this.options.includeDirs = true;
    return this;
  }
  withMaxDepth(depth) {
    this.options.maxDepth = depth;
    return this;
  }
  withMaxFiles(limit) {
    this.options.maxFiles = limit;
    return this;
  }
  withFullPaths() {
    this.options.resolvePaths = true;
    this.options.includeBasePath = true;
    return this;
  }
  withErrors() {
    this.options.suppressErrors = false;
    return this;
  }
  withSymlinks({ resolvePaths = true } = {}) {
    this.options.resolveSymlinks = true;
    this.options.useRealPaths = resolvePaths;
    return this.withFullPaths();
  }
  withAbortSignal(signal) {
    this.options.signal = signal;
    return this;
  }
  normalize() {
    this.options.normalizePath = true;
    return this;
  }
  filter(predicate) {
    this.options.filters.push(predicate);
    return this;
  }
  onlyDirs() {
    this.options.excludeFiles = true;
    this.options.includeDirs = true;
    return this;
  }
  exclude(predicate) {
    this.options.exclude = predicate;
    return this;
  }
  onlyCounts() {
    this.options.onlyCounts = true;
    return this;
  }
  crawl(root) {
    return new APIBuilder(root || ".", this.options);
  }
  withGlobFunction(fn) {
    this.globFunction = fn;
    return this;
  }
  /**
  * @deprecated Pass options using the constructor instead:
  * ```ts
  * new fdir(options).crawl("/path/to/root");
  * ```
  * This method will be removed in v7.0
  */
  /* c8 ignore next 4 */
  crawlWithOptions(root, options) {
    this.options = {
      ...this.options,
      ...options
    };
    return new APIBuilder(root || ".", this.options);
  }
  glob(...patterns) {
    if (this.globFunction) return this.globWithOptions(patterns);
    return this.globWithOptions(patterns, ...[{ dot: true }]);
  }
  globWithOptions(patterns, ...options) {
    const globFn = this.globFunction || pm;
    if (!globFn) throw new Error("Please specify a glob function to use glob matching.");
    var isMatch = this.globCache[patterns.join("\0")];
    if (!isMatch) {
      isMatch = globFn(patterns, ...options);
      this.globCache[patterns.join("\0")] = isMatch;
    }
    this.options.filters.push((path) => isMatch(path));
    return this;
  }
};

// node_modules/tinyglobby/dist/index.mjs
var import_picomatch = __toESM(require_picomatch2(), 1);
var isReadonlyArray = Array.isArray;
var BACKSLASHES = /\\/g;
var DRIVE_RELATIVE_PATH = /^[A-Za-z]:$/;
var isWin = process.platform === "win32";
var ONLY_PARENT_DIRECTORIES = /^(\/?\.\.)+$/;
function getPartialMatcher(patterns, options = {}) {
  const patternsCount = patterns.length;
  const patternsParts = Array(patternsCount);
  const matchers = Array(patternsCount);
  let i, j;
  for (i = 0; i < patternsCount; i++) {
    const parts = splitPattern(patterns[i]);
    patternsParts[i] = parts;
    const partsCount = parts.length;
    const partMatchers = Array(partsCount);
    for (j = 0; j < partsCount; j++) partMatchers[j] = (0, import_picomatch.default)(parts[j], options);
    matchers[i] = partMatchers;
  }
  return (input) => {
    const inputParts = input.split("/");
    if (inputParts[0] === ".." && ONLY_PARENT_DIRECTORIES.test(input)) return true;
    for (i = 0; i < patternsCount; i++) {
      const patternParts = patternsParts[i];
      const matcher = matchers[i];
      const inputPatternCount = inputParts.length;
      const minParts = Math.min(inputPatternCount, patternParts.length);
      j = 0;
      while (j < minParts) {
        const part = patternParts[j];
        if (part.includes("/")) return true;
        if (!matcher[j](inputParts[j])) break;
        if (!options.noglobstar && part === "**") return true;
        j++;
      }
      if (j === inputPatternCount) return true;
    }
    return false;
  };
}
var WIN32_ROOT_DIR = /^[A-Z]:\/$/i;
var isRoot = isWin ? (p) => WIN32_ROOT_DIR.test(p) : (p) => p === "/";
function buildFormat(cwd, root, absolute) {
  if (cwd === root || root.startsWith(`${cwd}/`)) {
    if (absolute) {
      const start = cwd.length + +!isRoot(cwd);
      return (p, isDir) => p.slice(start, isDir ? -1 : void 0) || ".";
    }
    const prefix = root.slice(cwd.length + 1);
    if (prefix) return (p, isDir) => {
      if (p === ".") return prefix;
      const result = `${prefix}/${p}`;
      return isDir ? result.slice(0, -1) : result;
    };
    return (p, isDir) => isDir && p !== "." ? p.slice(0, -1) : p;
  }
  if (absolute) return (p) => posix.relative(cwd, p) || ".";
  return (p) => posix.relative(cwd, `${root}/${p}`) || ".";
}
function buildRelative(cwd, root) {
  if (root.startsWith(`${cwd}/`)) {
    const prefix = root.slice(cwd.length + 1);
    return (p) => `${prefix}/${p}`;
  }
  return (p) => {
    const result = posix.relative(cwd, `${root}/${p}`);
    return p[p.length - 1] === "/" && result !== "" ? `${result}/` : result || ".";
  };
}
function ensureNonDriveRelativePath(path) {
  return path.replace(DRIVE_RELATIVE_PATH, (match) => `${match}/`);
}
var splitPatternOptions = { parts: true };
function splitPattern(path) {
  var _result$parts;
  const result = import_picomatch.default.scan(path, splitPatternOptions);
  return ((_result$parts = result.parts) === null || _result$parts === void 0 ? void 0 : _result$parts.length) ? result.parts : [path];
}
var POSIX_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}*?|]|^!|[!+@](?=\()|\\(?![()[\]{}!*+?@|]))/g;
var WIN32_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}]|^!|[!+@](?=\())/g;
var escapePosixPath = (path) => path.replace(POSIX_UNESCAPED_GLOB_SYMBOLS, "\\$&");
var escapeWin32Path = (path) => path.replace(WIN32_UNESCAPED_GLOB_SYMBOLS, "\\$&");
var escapePath = isWin ? escapeWin32Path : escapePosixPath;
function isDynamicPattern(pattern, options) {
  if ((options === null || options === void 0 ? void 0 : options.caseSensitiveMatch) === false) return true;
  const scan = import_picomatch.default.scan(pattern);
  return scan.isGlob || scan.negated;
}
function log(...tasks) {
  console.log(`[tinyglobby ${(/* @__PURE__ */ new Date()).toLocaleTimeString("es")}]`, ...tasks);
}
function ensureStringArray(value) {
  return typeof value === "string" ? [value] : value !== null && value !== void 0 ? value : [];
}
var PARENT_DIRECTORY = /^(\/?\.\.)+/;
var ESCAPING_BACKSLASHES = /\\(?=[()[\]{}!*+?@|])/g;
function normalizePattern(pattern, opts, props, isIgnore) {
  var _PARENT_DIRECTORY$exe;
  const cwd = opts.cwd;
  let result = pattern;
  if (pattern[pattern.length - 1] === "/") result = pattern.slice(0, -1);
  if (result[result.length - 1] !== "*" && opts.expandDirectories) result += "/**";
  const escapedCwd = escapePath(cwd);
  result = isAbsolute(result.replace(ESCAPING_BACKSLASHES, "")) ? posix.relative(escapedCwd, result) : posix.normalize(result);
  const parentDir = (_PARENT_DIRECTORY$exe = PARENT_DIRECTORY.exec(result)) === null || _PARENT_DIRECTORY$exe === void 0 ? void 0 : _PARENT_DIRECTORY$exe[0];
  const parts = splitPattern(result);
  if (parentDir) {
    const n = (parentDir.length + 1) / 3;
    let i = 0;
    const cwdParts = escapedCwd.split("/");
    while (i < n && parts[i + n] === cwdParts[cwdParts.length + i - n]) {
      result = result.slice(0, (n - i - 1) * 3) + result.slice((n - i) * 3 + parts[i + n].length + 1) || ".";
      i++;
    }
    const potentialRoot = posix.join(cwd, parentDir.slice(i * 3));
    if (potentialRoot[0] !== "." && props.root.length > potentialRoot.length) {
      props.root = ensureNonDriveRelativePath(potentialRoot);
      props.depthOffset = -n + i;
    }
  }
  if (!isIgnore && props.depthOffset >= 0) {
    var _props$commonPath;
    (_props$commonPath = props.commonPath) !== null && _props$commonPath !== void 0 || (props.commonPath = parts);
    const newCommonPath = [];
    const length = Math.min(props.commonPath.length, parts.length);
    for (let i = 0; i < length; i++) {
      const part = parts[i];
      if (part === "**" && !parts[i + 1]) {
        newCommonPath.pop();
        break;
      }
      if (i === parts.length - 1 || part !== props.commonPath[i] || isDynamicPattern(part)) break;
      newCommonPath.push(part);
    }
    props.depthOffset = newCommonPath.length;
    props.commonPath = newCommonPath;
    props.root = ensureNonDriveRelativePath(newCommonPath.length > 0 ? posix.join(cwd, ...newCommonPath) : cwd);
  }
  return result;
}
function processPatterns(options, patterns, props) {
  const matchPatterns = [];
  const ignorePatterns = [];
  for (const pattern of options.ignore) {
    if (!pattern) continue;
    if (pattern[0] !== "!" || pattern[1] === "(") ignorePatterns.push(normalizePattern(pattern, options, props, true));
  }
  for (const pattern of patterns) {
    if (!pattern) continue;
    if (pattern[0] !== "!" || pattern[1] === "(") matchPatterns.push(normalizePattern(pattern, options, props, false));
    else if (pattern[1] !== "!" || pattern[2] === "(") ignorePatterns.push(normalizePattern(pattern.slice(1), options, props, true));
  }
  return {
    match: matchPatterns,
    ignore: ignorePatterns
  };
}
function buildCrawler(options, patterns) {
  const cwd = options.cwd;
  const props = {
    root: cwd,
    depthOffset: 0
  };
  const processed = processPatterns(options, patterns, props);
  if (options.debug) log("internal processing patterns:", processed);
  const { absolute, caseSensitiveMatch, debug, dot, followSymbolicLinks, onlyDirectories } = options;
  const root = props.root.replace(BACKSLASHES, "");
  const matchOptions = {
    dot,
    nobrace: options.braceExpansion === false,
    nocase: !caseSensitiveMatch,
    noextglob: options.extglob === false,
    noglobstar: options.globstar === false,
    posix: true
  };
  const matcher = (0, import_picomatch.default)(processed.match, matchOptions);
  const ignore = (0, import_picomatch.default)(processed.ignore, matchOptions);
  const partialMatcher = getPartialMatcher(processed.match, matchOptions);
  const format = buildFormat(cwd, root, absolute);
  const excludeFormatter = absolute ? format : buildFormat(cwd, root, true);
  const excludePredicate = (_, p) => {
    const relativePath = excludeFormatter(p, true);
    return relativePath !== "." && !partialMatcher(relativePath) || ignore(relativePath);
  };
  let maxDepth;
  if (options.deep !== void 0) maxDepth = Math.round(options.deep - props.depthOffset);
  const crawler = new Builder({
    filters: [debug ? (p, isDirectory) => {
      const path = format(p, isDirectory);
      const matches = matcher(path) && !ignore(path);
      if (matches) log(`matched ${path}`);
      return matches;
    } : (p, isDirectory) => {
      const path = format(p, isDirectory);
      return matcher(path) && !ignore(path);
    }],
    exclude: debug ? (_, p) => {
      const skipped = excludePredicate(_, p);
      log(`${skipped ? "skipped" : "crawling"} ${p}`);
      return skipped;
    } : excludePredicate,
    fs: options.fs,
    pathSeparator: "/",
    relativePaths: !absolute,
    resolvePaths: absolute,
    includeBasePath: absolute,
    resolveSymlinks: followSymbolicLinks,
    excludeSymlinks: !followSymbolicLinks,
    excludeFiles: onlyDirectories,
    includeDirs: onlyDirectories || !options.onlyFiles,
    maxDepth,
    signal: options.signal
  }).crawl(root);
  if (options.debug) log("internal properties:", {
    ...props,
    root
  });
  return [crawler, cwd !== root && !absolute && buildRelative(cwd, root)];
}
function formatPaths(paths, mapper) {
  if (mapper) for (let i = paths.length - 1; i >= 0; i--) paths[i] = mapper(paths[i]);
  return paths;
}
var defaultOptions = {
  caseSensitiveMatch: true,
  debug: !!process.env.TINYGLOBBY_DEBUG,
  expandDirectories: true,
  followSymbolicLinks: true,
  onlyFiles: true
};
function getOptions(options) {
  const opts = Object.assign({}, options);
  for (const key in defaultOptions) if (opts[key] === void 0) Object.assign(opts, { [key]: defaultOptions[key] });
  opts.cwd = (opts.cwd instanceof URL ? fileURLToPath(opts.cwd) : resolve2(opts.cwd || process.cwd())).replace(BACKSLASHES, "/");
  opts.ignore = ensureStringArray(opts.ignore);
  opts.fs && (opts.fs = {
    readdir: opts.fs.readdir || readdir,
    readdirSync: opts.fs.readdirSync || readdirSync,
    realpath: opts.fs.realpath || realpath,
    realpathSync: opts.fs.realpathSync || realpathSync,
    stat: opts.fs.stat || stat,
    statSync: opts.fs.statSync || statSync
  });
  if (opts.debug) log("globbing with options:", opts);
  return opts;
}
function getCrawler(globInput, inputOptions = {}) {
  var _ref;
  if (globInput && (inputOptions === null || inputOptions === void 0 ? void 0 : inputOptions.patterns)) throw new Error("Cannot pass patterns as both an argument and an option");
  const isModern = isReadonlyArray(globInput) || typeof globInput === "string";
  const patterns = ensureStringArray((_ref = isModern ? globInput : globInput.patterns) !== null && _ref !== void 0 ? _ref : "**/*");
  const options = getOptions(isModern ? inputOptions : globInput);
  return patterns.length > 0 ? buildCrawler(options, patterns) : [];
}
function globSync(globInput, options) {
  const [crawler, relative2] = getCrawler(globInput, options);
  return crawler ? formatPaths(crawler.sync(), relative2) : [];
}

// src/io/files.ts
var MAX_INPUT_BYTES = 512 * 1024 * 1024;
function describe(e) {
  switch (e.code) {
    case "ENOENT":
      return "does not exist";
    case "EACCES":
    case "EPERM":
      return "cannot be read (permission denied)";
    case "EISDIR":
      return "is a directory, expected a file";
    case "ENOTDIR":
      return "does not exist (a parent of it is not a directory)";
    case "ELOOP":
      return "cannot be read (too many levels of symbolic links)";
    default:
      return `cannot be read (${e.code ?? e.message})`;
  }
}
function readText(path, label, maxBytes = MAX_INPUT_BYTES) {
  const fail = (what) => new InputError(`${label}: ${path} ${what}`);
  let fd;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    throw fail(describe(e));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw fail(describe({ code: "EISDIR" }));
    if (st.isCharacterDevice() || st.isBlockDevice()) throw fail("is a device, expected a file");
    if (!st.isFile() && !st.isFIFO()) throw fail("is not a regular file");
    if (st.isFile() && st.size > maxBytes) throw fail(overLimit(st.size, maxBytes));
    let buf;
    try {
      buf = st.isFile() && st.size > 0 ? readSize(fd, st.size) : readBounded(fd, maxBytes);
    } catch (e) {
      if (e instanceof InputError) throw fail(e.message);
      throw fail(describe(e));
    }
    return decodeUtf8(buf, () => fail("is not valid UTF-8 text"));
  } finally {
    closeSync(fd);
  }
}
function formatBytes(n) {
  if (n >= 1048576) return `${Math.round(n / 1048576)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
function overLimit(size, maxBytes) {
  return `${size === void 0 ? "is over" : `is ${formatBytes(size)}, over`} the ${formatBytes(maxBytes)} limit`;
}
function readSize(fd, size) {
  const buf = Buffer.allocUnsafe(size);
  let got = 0;
  while (got < size) {
    const n = readSync(fd, buf, got, size - got, null);
    if (n === 0) break;
    got += n;
  }
  return got === size ? buf : buf.subarray(0, got);
}
function readBounded(fd, maxBytes) {
  const chunks2 = [];
  let total = 0;
  for (; ; ) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    total += n;
    chunks2.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    if (total > maxBytes) throw new InputError(overLimit(void 0, maxBytes));
  }
  return Buffer.concat(chunks2, total);
}
function decodeUtf8(buf, invalid) {
  if (!isUtf8(buf)) throw invalid();
  return buf.toString("utf8");
}
function readStdin(label, maxBytes = MAX_INPUT_BYTES) {
  let buf;
  try {
    buf = readBounded(0, maxBytes);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${label}: standard input ${e.message}`);
    throw new InputError(`${label}: cannot read standard input (${e.code ?? e.message})`);
  }
  return decodeUtf8(buf, () => new InputError(`${label}: standard input is not valid UTF-8 text`));
}
function writeAtomic(path, content, label) {
  writeAtomicAll([{ path, content, label }]);
}
function writeAtomicAll(files) {
  const staged = [];
  let current;
  try {
    for (const file of files) {
      current = file;
      staged.push({ tmp: stage(file.path, file.content), file });
    }
    for (const s of staged) {
      current = s.file;
      renameSync(s.tmp, s.file.path);
    }
  } catch (e) {
    for (const s of staged) {
      try {
        unlinkSync(s.tmp);
      } catch {
      }
    }
    const err = e;
    throw new InputError(`${current?.label ?? "output"}: cannot write ${current?.path ?? ""} (${err.code ?? err.message})`);
  }
}
var TMP_NAME_KEEP = 80;
function stage(path, content) {
  const dir = dirname2(resolve3(path));
  const tmp = join(dir, `.${basename2(path).slice(0, TMP_NAME_KEEP)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  mkdirSync(dir, { recursive: true });
  const fd = openSync(tmp, "wx", 420);
  try {
    const bytes = Buffer.from(content, "utf8");
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
    }
    throw e;
  }
  closeSync(fd);
  return tmp;
}
function expandPatterns(patterns, cwd, label, required) {
  const found = /* @__PURE__ */ new Set();
  for (const p of patterns) {
    if (!isDynamicPattern(p)) {
      found.add(resolve3(cwd, p));
      continue;
    }
    const matches = globSync(p, { cwd, absolute: true, onlyFiles: true, dot: false, expandDirectories: false });
    if (matches.length === 0 && required) throw new InputError(`${label}: no files match ${JSON.stringify(p)}`);
    for (const m of matches) found.add(resolve3(m));
  }
  return [...found].sort();
}
var IGNORED = [
  "**/node_modules/**",
  "**/venv/**",
  "**/build/**",
  "**/dist/**",
  "**/*.egg/**",
  "**/__pycache__/**",
  "**/site-packages/**",
  "**/_darcs/**",
  "**/CVS/**",
  "**/{arch}/**"
];
function discoverTestFiles(rootdir, label) {
  let st;
  try {
    st = statSync2(rootdir);
  } catch (e) {
    throw new InputError(`${label}: ${rootdir} ${describe(e)}`);
  }
  if (!st.isDirectory()) throw new InputError(`${label}: ${rootdir} is not a directory`);
  return globSync(["**/test_*.py", "**/*_test.py"], { cwd: rootdir, ignore: IGNORED, dot: false, onlyFiles: true, followSymbolicLinks: false }).map((f) => f.split("\\").join("/")).sort();
}
function isFileUnder(rootdir, rel) {
  try {
    return statSync2(join(rootdir, rel)).isFile();
  } catch {
    return false;
  }
}

// src/app/inputs.ts
import { existsSync, statSync as statSync3 } from "node:fs";
import { resolve as resolve4 } from "node:path";

// src/core/sortedDurations.ts
var SortedDurations = class _SortedDurations {
  /** `ids` strictly increasing (so unique) and as long as `seconds`; see fromSorted. */
  constructor(ids, seconds) {
    this.ids = ids;
    this.seconds = seconds;
  }
  ids;
  seconds;
  /** The map of these pairs if `ids` is strictly increasing, else undefined (unsorted or a duplicate). */
  static fromSorted(ids, seconds) {
    if (ids.length !== seconds.length) throw new Error("SortedDurations: ids and seconds differ in length");
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1] < ids[i])) return void 0;
    return new _SortedDurations(ids, seconds);
  }
  get size() {
    return this.ids.length;
  }
  indexOf(id) {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = lo + hi >>> 1;
      const at = this.ids[mid];
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  get(id) {
    const i = this.indexOf(id);
    return i === -1 ? void 0 : this.seconds[i];
  }
  has(id) {
    return this.indexOf(id) !== -1;
  }
  forEach(callback2, thisArg) {
    for (let i = 0; i < this.ids.length; i++) callback2.call(thisArg, this.seconds[i], this.ids[i], this);
  }
  keys() {
    return this.ids.values();
  }
  values() {
    return this.seconds.values();
  }
  *entries() {
    for (let i = 0; i < this.ids.length; i++) yield [this.ids[i], this.seconds[i]];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
};

// src/core/timings.ts
function meanOf(values) {
  values.sort((a, b) => a - b);
  return sum(values) / values.length;
}
function mergeDurations(sources) {
  if (sources.length === 1) return sources[0];
  const all = /* @__PURE__ */ new Map();
  for (const src of sources) {
    for (const [id, s] of src) {
      const list2 = all.get(id);
      if (list2) list2.push(s);
      else all.set(id, [s]);
    }
  }
  return mapValues(all, meanOf);
}
function junitDurations(cases) {
  return measuredSeconds(cases);
}
function combineTimings(durationFiles, junit) {
  const merged = mergeDurations(durationFiles);
  if (junit.size === 0) return merged;
  const out = new Map(merged);
  for (const [id, s] of junit) out.set(id, s);
  return out;
}
function mapValues(m, f) {
  const out = /* @__PURE__ */ new Map();
  for (const [k, v] of m) out.set(k, f(v));
  return out;
}
function pacedTimings(timings, testPace) {
  if (testPace === void 0 || testPace === 1) return timings;
  const ids = [];
  const seconds = [];
  timings.forEach((s, id) => {
    ids.push(id);
    seconds.push(roundMs(s * testPace));
  });
  return SortedDurations.fromSorted(ids, seconds) ?? new Map(ids.map((id, i) => [id, seconds[i]]));
}

// src/formats/collected.ts
var SUMMARY = /^(no tests (collected|ran)|\d+(\/\d+)? tests? (collected|deselected|selected)|\d+ (errors?|warnings?))\b/;
var QQ_LINE = /^[^:]+\.py: \d+$/;
var PYTEST_ERROR = /^(ERROR: |INTERNALERROR>)/;
var JSON_START = /^(\{|\[)\s*("|\[|\{|\]|\}|$)/;
var XML_START = /^<(\?xml|testsuites?[\s>])/;
function parseCollected(text, source) {
  const body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  const ids = [];
  const lines = body.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") {
      if (ids.length > 0) break;
      continue;
    }
    if (SUMMARY.test(line) || line.startsWith("=") || line.startsWith("_")) break;
    if (ids.length === 0 && (JSON_START.test(line) || XML_START.test(line))) {
      const kind = line.startsWith("<") ? "XML (a JUnit report?)" : "JSON (a durations file?)";
      throw new InputError(`${source}: looks like ${kind}, expected the output of 'pytest --collect-only -q'`);
    }
    if (line.includes("\0")) {
      throw new InputError(`${source}: line ${n + 1} holds a NUL byte (binary data?), expected the output of 'pytest --collect-only -q'`);
    }
    if (PYTEST_ERROR.test(line)) {
      throw new InputError(`${source}: pytest reported an error, not a node id: ${JSON.stringify(line.slice(0, 200))}`);
    }
    if (QQ_LINE.test(line)) {
      throw new InputError(`${source}: looks like 'pytest --collect-only -qq' output (file: count); use a single -q so every node id is listed`);
    }
    ids.push(line);
  }
  if (ids.length === 0) throw new InputError(`${source}: no node ids found (expected the output of 'pytest --collect-only -q')`);
  return ids;
}

// src/formats/fastJson.ts
var WS = new Uint8Array(128);
WS[32] = WS[9] = WS[10] = WS[13] = 1;
var POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
function scanFlatObject(text) {
  const n = text.length;
  let i = 0;
  const skip = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128 && WS[c] === 1) i++;
      else break;
    }
  };
  skip();
  if (text.charCodeAt(i) !== 123) return void 0;
  i++;
  const keys = [];
  const values = [];
  skip();
  if (text.charCodeAt(i) === 125) {
    i++;
    skip();
    return i === n ? { keys, values } : void 0;
  }
  for (; ; ) {
    skip();
    if (text.charCodeAt(i) !== 34) return void 0;
    const start = i;
    i++;
    let escaped = false;
    for (; ; ) {
      if (i >= n) return void 0;
      const c2 = text.charCodeAt(i);
      if (c2 === 34) break;
      if (c2 === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c2 < 32) return void 0;
      i++;
    }
    let key;
    if (escaped) {
      try {
        key = JSON.parse(text.slice(start, i + 1));
      } catch {
        return void 0;
      }
    } else key = text.slice(start + 1, i);
    i++;
    skip();
    if (text.charCodeAt(i) !== 58) return void 0;
    i++;
    skip();
    const numStart = i;
    let m = 0;
    let digits = 0;
    let fraction = -1;
    let plain = true;
    while (i < n) {
      const c2 = text.charCodeAt(i);
      if (c2 >= 48 && c2 <= 57) {
        m = m * 10 + (c2 - 48);
        digits++;
        if (fraction >= 0) fraction++;
        i++;
      } else if (c2 === 46 && fraction < 0) {
        fraction = 0;
        i++;
      } else if (c2 === 45 || c2 === 43 || c2 === 46 || c2 === 101 || c2 === 69) {
        plain = false;
        i++;
      } else break;
    }
    if (i === numStart) return void 0;
    let value;
    const first = text.charCodeAt(numStart);
    const jsonStart = first >= 48 && first <= 57 && (first !== 48 || numStart + 1 === i || text.charCodeAt(numStart + 1) === 46);
    if (plain && jsonStart && digits <= 15 && fraction !== 0) {
      value = fraction > 0 ? m / POW10[fraction] : m;
    } else {
      const last = text.charCodeAt(i - 1);
      if (!(first === 45 || first >= 48 && first <= 57) || !(last >= 48 && last <= 57)) return void 0;
      value = Number(text.slice(numStart, i));
      if (Number.isNaN(value)) return void 0;
    }
    keys.push(key);
    values.push(value);
    skip();
    const c = text.charCodeAt(i);
    i++;
    if (c === 44) continue;
    if (c === 125) {
      skip();
      return i === n ? { keys, values } : void 0;
    }
    return void 0;
  }
}

// src/formats/durations.ts
var META_PREFIX = "__split_plan__::";
var META_FIXED = `${META_PREFIX}overhead_fixed_seconds`;
var META_PER_FILE = `${META_PREFIX}overhead_per_file_seconds`;
var META_SAMPLES = `${META_PREFIX}overhead_samples`;
var META_TEST_PACE = `${META_PREFIX}test_pace`;
var META_WORKER_START = `${META_PREFIX}worker_start_seconds`;
var META_WORKER_START_WORKERS = `${META_PREFIX}worker_start_workers`;
var MAX_SHOWN_ID = 80;
function shortId(id) {
  return JSON.stringify(id.length > MAX_SHOWN_ID ? id.slice(0, MAX_SHOWN_ID) + "\u2026" : id);
}
function parseDurations(text, source) {
  const body = text.charCodeAt(0) === 65279 ? text.slice(1) : text;
  if (body.trim() === "") throw new InputError(`${source}: durations file is empty`);
  const flat = scanFlatObject(body);
  if (flat) return fromEntries(flat.keys, flat.values, source);
  let data;
  try {
    data = JSON.parse(body);
  } catch (e) {
    throw new InputError(`${source}: invalid JSON: ${e.message}`);
  }
  const entries = [];
  if (Array.isArray(data)) {
    data.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new InputError(`${source}: legacy durations entry ${i} must be a [nodeid, seconds] pair`);
      }
      entries.push([pair[0], pair[1]]);
    });
  } else if (data !== null && typeof data === "object") {
    for (const k of Object.keys(data)) entries.push([k, data[k]]);
  } else {
    throw new InputError(`${source}: durations must be a JSON object of {nodeid: seconds}, got ${data === null ? "null" : typeof data}`);
  }
  return fromEntries(
    entries.map((e) => e[0]),
    entries.map((e) => e[1]),
    source
  );
}
function fromEntries(ids, values, source) {
  const meta = /* @__PURE__ */ new Map();
  const sorted = sortedEntries(ids, values, meta);
  if (sorted) return withMeta(sorted, meta);
  meta.clear();
  const timings = /* @__PURE__ */ new Map();
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const seconds = values[i];
    if (typeof id !== "string" || id === "") {
      throw new InputError(`${source}: node id must be a non-empty string, got ${JSON.stringify(id)}`);
    }
    if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
      throw new InputError(
        `${source}: duration of ${shortId(id)} must be a non-negative number of seconds, got ${typeof seconds === "number" ? String(seconds) : JSON.stringify(seconds) ?? String(seconds)}`
      );
    }
    if (id.startsWith(META_PREFIX)) meta.set(id, seconds);
    else {
      const size = timings.size;
      if (timings.set(id, seconds).size === size) throw new InputError(`${source}: node id ${shortId(id)} appears twice`);
    }
  }
  return withMeta(timings, meta);
}
function sortedEntries(ids, values, meta) {
  let metaKeys = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const s = values[i];
    if (typeof id !== "string" || id === "" || typeof s !== "number" || !Number.isFinite(s) || s < 0) return void 0;
    if (id.startsWith(META_PREFIX)) {
      meta.set(id, s);
      metaKeys++;
    }
  }
  if (metaKeys === 0) return SortedDurations.fromSorted(ids, values);
  const keep = [];
  const seconds = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (id.startsWith(META_PREFIX)) continue;
    keep.push(id);
    seconds.push(values[i]);
  }
  return SortedDurations.fromSorted(keep, seconds);
}
function withMeta(timings, meta) {
  const fixed = meta.get(META_FIXED);
  const perFile = meta.get(META_PER_FILE);
  const overhead = fixed !== void 0 && perFile !== void 0 ? { fixedSeconds: fixed, perFileSeconds: perFile, source: "stored", samples: meta.get(META_SAMPLES) ?? 0 } : void 0;
  const pace = meta.get(META_TEST_PACE);
  const testPace = pace !== void 0 && Number.isFinite(pace) && pace > 0 ? pace : void 0;
  const start = meta.get(META_WORKER_START);
  const workers = meta.get(META_WORKER_START_WORKERS);
  const workerStart = start !== void 0 && workers !== void 0 && Number.isInteger(workers) && workers >= 2 ? { workerStartSeconds: start, workers } : void 0;
  return {
    timings,
    ...overhead ? { overhead } : {},
    ...testPace !== void 0 ? { testPace } : {},
    ...workerStart ? { workerStart } : {}
  };
}
function pyString(s) {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}
function pyNumber(x, precise = false) {
  const r = precise ? Math.round(x * 1e6) / 1e6 : roundMs(x);
  return Number.isInteger(r) ? r.toFixed(1) : String(r);
}
function formatDurations(timings, overhead, testPace, workerStart) {
  const all = new Map(timings);
  if (workerStart !== void 0) {
    all.set(META_WORKER_START, workerStart.workerStartSeconds);
    all.set(META_WORKER_START_WORKERS, workerStart.workers);
  }
  if (testPace !== void 0 && testPace !== 1) all.set(META_TEST_PACE, testPace);
  if (overhead && overhead.source !== "default") {
    all.set(META_FIXED, overhead.fixedSeconds);
    all.set(META_PER_FILE, overhead.perFileSeconds);
    all.set(META_SAMPLES, overhead.samples);
  }
  const keys = [...all.keys()].sort(compareCodePoints);
  if (keys.length === 0) return "{}\n";
  const lines = keys.map((k) => `    ${pyString(k)}: ${pyNumber(all.get(k), k.startsWith(META_PREFIX))}`);
  return `{
${lines.join(",\n")}
}
`;
}

// src/app/reports.ts
async function readReports(paths, label) {
  if (paths.length === 0) return [];
  const { parseJUnit } = await import("./junit-YSVWOPL2.js");
  return paths.map((p) => parseJUnit(readText(p, label), p));
}

// src/app/inputs.ts
var DEFAULT_DURATIONS_FILE = ".test_durations";
function resolveDurationPaths(req) {
  if (req.durations.length > 0) return [...new Set(req.durations.map((d) => resolve4(req.cwd, d)))].sort();
  const fallback = resolve4(req.cwd, DEFAULT_DURATIONS_FILE);
  return existsSync(fallback) && statSync3(fallback).isFile() ? [fallback] : [];
}
async function loadTimings(req) {
  const durationFiles = resolveDurationPaths(req).map((path) => ({
    path,
    file: parseDurations(readText(path, req.words.option("durations")), path)
  }));
  const junitPaths = expandPatterns(req.junit, req.cwd, req.words.option("junit"), req.junitRequired);
  const reports = await readReports(junitPaths, req.words.option("junit"));
  let collected;
  if (req.collected !== void 0) {
    const label = req.words.option("collected");
    const text = req.collected === "-" ? readStdin(label) : readText(resolve4(req.cwd, req.collected), label);
    collected = parseCollected(text, req.collected === "-" ? "<stdin>" : req.collected);
  }
  const knownIds = new Set(reports.length > 0 ? collected ?? [] : []);
  if (reports.length > 0) for (const d of durationFiles) for (const id of d.file.timings.keys()) knownIds.add(id);
  const rootdir = resolve4(req.cwd, req.rootdir);
  const { cases, unmapped } = mapReports(reports, { knownIds, isFile: (rel) => isFileUnder(rootdir, rel) });
  const timings = combineTimings(
    durationFiles.map((d) => pacedTimings(d.file.timings, d.file.testPace)),
    junitDurations(cases)
  );
  const unmeasured = [...new Set(cases.map((c) => c.id))].filter((id) => !timings.has(id)).sort();
  const stored = durationFiles.map((d) => d.file.overhead).find((o) => o !== void 0);
  const storedWorkerStart = durationFiles.map((d) => d.file.workerStart).find((w) => w !== void 0);
  const learned = learnOverhead(overheadSamples(reports, cases), req.startupSeconds);
  const shapes = reportShapes(reports, cases);
  const parallel = parallelReports(shapes);
  return {
    durationFiles,
    reports,
    cases,
    unmapped,
    ...collected ? { collected } : {},
    timings,
    ...unmeasured.length > 0 ? { unmeasured } : {},
    ...learned ? { learned } : {},
    ...stored ? { stored } : {},
    ...storedWorkerStart ? { storedWorkerStart } : {},
    ...parallel.size > 0 ? { parallel, parallelSamples: parallelSamples(shapes, parallel) } : {}
  };
}
function overheadSamples(reports, cases) {
  const parallel = parallelReports(reportShapes(reports, cases));
  const filesByReport = /* @__PURE__ */ new Map();
  for (const c of cases) {
    let s = filesByReport.get(c.report);
    if (!s) filesByReport.set(c.report, s = /* @__PURE__ */ new Set());
    s.add(fileOf(c.id));
  }
  const samples = [];
  reports.forEach((r, i) => {
    if (parallel.has(i)) return;
    const timed = r.suites.filter((s) => s.time !== void 0);
    if (timed.length === 0 || timed.length !== r.suites.length) return;
    let suiteSeconds = 0;
    let testSeconds = 0;
    for (const s of r.suites) {
      suiteSeconds += s.time;
      for (const c of s.cases) testSeconds += c.time;
    }
    samples.push({ suiteSeconds, testSeconds, files: filesByReport.get(i)?.size ?? 0, report: i });
  });
  return samples;
}

// src/core/types.ts
var GRANULARITIES = ["auto", "file", "class", "test"];
var ALGORITHMS = ["balanced", "lpt", "chunks"];

// src/app/options.ts
var MAX_SPLITS = 256;
function parseIntFlag(name, raw, min, max) {
  const s = String(raw).trim();
  const n = /^[+]?\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw) ?? String(raw)}`);
  }
  return n;
}
function parseSeconds(name, raw) {
  const n = typeof raw === "number" ? raw : Number(String(raw).trim());
  if (String(raw).trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`${name} must be a non-negative number of seconds, got ${JSON.stringify(raw)}`);
  }
  return n;
}
function parseChoice(name, raw, choices) {
  const s = String(raw).trim();
  if (!choices.includes(s)) {
    throw new UsageError(`${name} must be one of ${choices.join(", ")}, got ${JSON.stringify(raw)}`);
  }
  return s;
}
var parseGranularity = (raw, name = "--granularity") => parseChoice(name, raw, GRANULARITIES);
var parseAlgorithm = (raw, name = "--algorithm") => parseChoice(name, raw, ALGORITHMS);
function parseAlpha(raw, name = "--alpha") {
  const s = String(raw).trim();
  const n = Number(s);
  if (s === "" || !Number.isFinite(n) || n <= 0 || n > 1) {
    throw new UsageError(`${name} must be a number above 0 and at most 1, got ${JSON.stringify(raw)}`);
  }
  return n;
}
function parseRatio(raw, name = "--min-change-ratio") {
  const s = String(raw).trim();
  const n = Number(s);
  if (s === "" || !Number.isFinite(n) || n < 0) {
    throw new UsageError(`${name} must be a non-negative number (0.2 means 20%), got ${JSON.stringify(raw)}`);
  }
  return n;
}
function list(raw) {
  if (raw === void 0 || raw === null) return [];
  return (Array.isArray(raw) ? raw : [raw]).map(String);
}

// src/app/planOptions.ts
var AUTO = "auto";
var MAX_WORKERS = 1024;
function parseSplitsOrAuto(raw, name) {
  return raw.trim() === AUTO ? AUTO : parseIntFlag(name, raw, 1, MAX_SPLITS);
}
function parsePlanOptions(values, words) {
  const splits = values.splits === void 0 ? void 0 : parseSplitsOrAuto(values.splits, words.option("splits"));
  const settings = {
    rootdir: values.rootdir ?? ".",
    durations: [...values.durations ?? []],
    junit: [...values.junit ?? []],
    granularity: parseGranularity(values.granularity ?? "auto", words.option("granularity")),
    algorithm: parseAlgorithm(values.algorithm ?? "balanced", words.option("algorithm")),
    workers: parseIntFlag(words.option("workers"), values.workers ?? "1", 1, MAX_WORKERS),
    discover: values.discover !== false,
    together: [...values.together ?? []]
  };
  if (splits !== void 0) settings.splits = splits;
  if (values.collected !== void 0) settings.collected = values.collected;
  const seconds = (name, raw) => raw === void 0 ? void 0 : parseSeconds(words.option(name), raw);
  const fixed = seconds("fixed-overhead", values.fixedOverhead);
  if (fixed !== void 0) settings.fixedOverhead = fixed;
  const perFile = seconds("per-file-overhead", values.perFileOverhead);
  if (perFile !== void 0) settings.perFileOverhead = perFile;
  const startup = seconds("startup-seconds", values.startupSeconds);
  if (startup !== void 0) settings.startupSeconds = startup;
  const workerStartup = seconds("worker-startup", values.workerStartup);
  if (workerStartup !== void 0) settings.workerStartup = workerStartup;
  return settings;
}
function planRequestOf(settings, cwd, splits, words) {
  const req = {
    cwd,
    words,
    rootdir: settings.rootdir,
    durations: settings.durations,
    junit: settings.junit,
    splits,
    granularity: settings.granularity,
    algorithm: settings.algorithm,
    workers: settings.workers,
    discover: settings.discover
  };
  if (settings.together.length > 0) req.together = settings.together;
  if (settings.collected !== void 0) req.collected = settings.collected;
  if (settings.fixedOverhead !== void 0) req.fixedOverhead = settings.fixedOverhead;
  if (settings.perFileOverhead !== void 0) req.perFileOverhead = settings.perFileOverhead;
  if (settings.startupSeconds !== void 0) req.startupSeconds = settings.startupSeconds;
  if (settings.workerStartup !== void 0) req.workerStartup = settings.workerStartup;
  return req;
}

// src/core/partition.ts
function partition(items, algorithm, opts) {
  const entries = toEntries(items, opts.perFile);
  switch (algorithm) {
    case "lpt":
      return finish(lpt(entries, opts));
    case "balanced": {
      const packing = lpt(entries, opts);
      improve(packing, entries, opts);
      return finish(packing);
    }
    case "chunks":
      return chunks(entries, opts.splits);
  }
}
function toEntries(items, perFile) {
  const fileSlots = /* @__PURE__ */ new Map();
  const classSlots = /* @__PURE__ */ new Map();
  const slot = (slots, key) => {
    let s = slots.get(key);
    if (s === void 0) slots.set(key, s = slots.size);
    return s;
  };
  return items.map((it, index) => ({
    index,
    cost: it.cost,
    file: slot(fileSlots, it.file),
    fileCost: it.fileCost ?? perFile,
    cutClass: it.cutClass !== void 0 ? slot(classSlots, it.cutClass) : -1,
    classCost: it.cutClass !== void 0 ? it.classCost ?? 0 : 0
  }));
}
function newPacking(n, entries, perFile) {
  return {
    shards: Array.from({ length: n }, (_, index) => ({ index, entries: [], load: 0, files: /* @__PURE__ */ new Map(), classes: /* @__PURE__ */ new Map(), byCost: void 0 })),
    shared: perFile > 0 || entries.some((e) => e.fileCost > 0 || e.classCost > 0),
    weighed: 0
  };
}
function finish(packing) {
  return packing.shards.map((s) => s.entries.map((e) => e.index).sort((a, b) => a - b));
}
function onceDelta(held, key, cost, d) {
  const before = held.get(key) ?? 0;
  return cost * (Number(before + d > 0) - Number(before > 0));
}
function sharedDelta(s, remove, add) {
  let delta = 0;
  if (remove.file !== add.file) {
    delta += onceDelta(s.files, remove.file, remove.fileCost, -1) + onceDelta(s.files, add.file, add.fileCost, 1);
  }
  if (remove.cutClass !== add.cutClass) {
    if (remove.cutClass >= 0) delta += onceDelta(s.classes, remove.cutClass, remove.classCost, -1);
    if (add.cutClass >= 0) delta += onceDelta(s.classes, add.cutClass, add.classCost, 1);
  }
  return delta;
}
function addCost(s, e) {
  let c = e.cost + (s.files.has(e.file) ? 0 : e.fileCost);
  if (e.cutClass >= 0 && !s.classes.has(e.cutClass)) c += e.classCost;
  return c;
}
function removeCost(s, e) {
  let c = e.cost + (s.files.get(e.file) === 1 ? e.fileCost : 0);
  if (e.cutClass >= 0 && s.classes.get(e.cutClass) === 1) c += e.classCost;
  return c;
}
function count(held, key, by) {
  const c = (held.get(key) ?? 0) + by;
  if (c === 0) held.delete(key);
  else held.set(key, c);
}
function place(s, e) {
  s.load += addCost(s, e);
  count(s.files, e.file, 1);
  if (e.cutClass >= 0) count(s.classes, e.cutClass, 1);
  s.entries.push(e);
  s.byCost = void 0;
}
function unplace(s, e) {
  s.load -= removeCost(s, e);
  count(s.files, e.file, -1);
  if (e.cutClass >= 0) count(s.classes, e.cutClass, -1);
  s.entries.splice(s.entries.indexOf(e), 1);
  s.byCost = void 0;
}
function better(a, loadA, b, loadB) {
  if (loadA !== loadB) return loadA < loadB;
  if (a.entries.length !== b.entries.length) return a.entries.length < b.entries.length;
  return a.index < b.index;
}
function lpt(entries, opts) {
  const packing = newPacking(opts.splits, entries, opts.perFile);
  const order = entries.slice().sort((a, b) => b.cost - a.cost || a.index - b.index);
  const heap = new ShardHeap(packing.shards);
  const holders = /* @__PURE__ */ new Map();
  let empty2 = packing.shards.length;
  order.forEach((e, k) => {
    let best;
    if (empty2 > 0 && order.length - k <= empty2) {
      best = packing.shards.find((s) => s.entries.length === 0);
    } else {
      best = heap.peek();
      let bestLoad = best.load + addCost(best, e);
      for (const s of holders.get(e.file) ?? []) {
        const l = s.load + addCost(s, e);
        if (better(s, l, best, bestLoad)) {
          best = s;
          bestLoad = l;
        }
      }
    }
    if (best.entries.length === 0) empty2--;
    const had = best.files.has(e.file);
    place(best, e);
    if (!had) {
      const h = holders.get(e.file);
      if (h) h.push(best);
      else holders.set(e.file, [best]);
    }
    heap.update(best);
  });
  return packing;
}
var ShardHeap = class {
  heap;
  slot;
  constructor(shards) {
    this.heap = shards.slice();
    this.slot = new Map(shards.map((s, i) => [s, i]));
  }
  peek() {
    return this.heap[0];
  }
  less(i, j) {
    const a = this.heap[i];
    const b = this.heap[j];
    return better(a, a.load, b, b.load);
  }
  swap(i, j) {
    const a = this.heap[i];
    const b = this.heap[j];
    this.heap[i] = b;
    this.heap[j] = a;
    this.slot.set(b, i);
    this.slot.set(a, j);
  }
  update(shard) {
    let i = this.slot.get(shard) ?? 0;
    while (i > 0) {
      const p = i - 1 >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
    for (; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.heap.length && this.less(l, m)) m = l;
      if (r < this.heap.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
};
var IMPROVE_MIN_WEIGHED = 1e6;
var IMPROVE_WEIGHED_PER_ITEM = 10;
function improve(packing, entries, opts) {
  const { shards } = packing;
  if (shards.length < 2) return;
  const maxSteps = opts.maxSteps ?? Math.min(5e3, 50 * shards.length + entries.length);
  const maxWeighed = Math.max(IMPROVE_MIN_WEIGHED, IMPROVE_WEIGHED_PER_ITEM * entries.length);
  let total = 0;
  let largest = 0;
  const fileOnce = /* @__PURE__ */ new Map();
  const classOnce = /* @__PURE__ */ new Map();
  for (const e of entries) {
    total += e.cost;
    fileOnce.set(e.file, e.fileCost);
    if (e.cutClass >= 0) classOnce.set(e.cutClass, e.classCost);
    largest = Math.max(largest, e.cost + e.fileCost + e.classCost);
  }
  for (const c of fileOnce.values()) total += c;
  for (const c of classOnce.values()) total += c;
  const floor = Math.max(total / shards.length, largest);
  for (let step = 0; step < maxSteps; step++) {
    const top = shards.reduce((t, s) => s.load > t.load ? s : t);
    const eps = 1e-9 * Math.max(1, top.load);
    if (top.load <= floor * (1 + 1e-6) + eps) return;
    if (packing.weighed >= maxWeighed) return;
    const others = shards.filter((s) => s !== top).sort((a, b) => a.load - b.load || a.index - b.index);
    const found = bestStep(packing, top, others, top.load - eps);
    if (!found) return;
    apply(found);
  }
}
function bestStep(packing, top, others, ceiling) {
  const topLoad = top.load;
  const { shared } = packing;
  let best;
  let bestPeak = Infinity;
  let sideways;
  let sidewaysSaving = 1e-9 * Math.max(1, topLoad);
  const consider = (to, toBefore, give, take, fromLoad, toLoad) => {
    const peak = Math.max(fromLoad, toLoad);
    if (peak < ceiling) {
      if (!best || peak < bestPeak - 1e-12) {
        best = { from: top, to, give, ...take !== void 0 ? { take } : {}, fromLoad, toLoad };
        bestPeak = peak;
      }
      return;
    }
    if (!shared) return;
    const saving = topLoad + toBefore - fromLoad - toLoad;
    if (fromLoad <= topLoad && toLoad < ceiling && saving > sidewaysSaving) {
      sideways = { from: top, to, give, ...take !== void 0 ? { take } : {}, fromLoad, toLoad };
      sidewaysSaving = saving;
    }
  };
  const gives = top.entries.map((give) => ({ give, fromLoad: topLoad - removeCost(top, give) }));
  for (const to of others) {
    const toLoad = to.load;
    if (toLoad >= ceiling && !shared) break;
    packing.weighed += top.entries.length;
    if (top.entries.length > 1) {
      for (const { give, fromLoad } of gives) consider(to, toLoad, give, void 0, fromLoad, toLoad + addCost(to, give));
    }
    const toSorted = sortedByCost(to);
    const gap = topLoad - toLoad;
    let lastWant = NaN;
    let lo = 0;
    for (const give of top.entries) {
      const want = give.cost - gap / 2;
      if (want !== lastWant) {
        lastWant = want;
        lo = 0;
        let hi = toSorted.length;
        while (lo < hi) {
          const mid = lo + hi >> 1;
          if (toSorted[mid].cost < want) lo = mid + 1;
          else hi = mid;
        }
      }
      for (let j = lo - 2; j <= lo + 1; j++) {
        const take = toSorted[j];
        if (take === void 0) continue;
        if (take.cost > give.cost || take.cost === give.cost && (!shared || take.file === give.file && take.cutClass === give.cutClass)) continue;
        let fromLoad = topLoad - give.cost + take.cost;
        let toLoadAfter = toLoad - take.cost + give.cost;
        if (shared) {
          fromLoad += sharedDelta(top, give, take);
          toLoadAfter += sharedDelta(to, take, give);
        }
        consider(to, toLoad, give, take, fromLoad, toLoadAfter);
      }
    }
    if (best) return best;
  }
  return sideways;
}
function sortedByCost(s) {
  s.byCost ??= s.entries.slice().sort((a, b) => a.cost - b.cost || a.index - b.index);
  return s.byCost;
}
function apply(s) {
  unplace(s.from, s.give);
  if (s.take !== void 0) {
    unplace(s.to, s.take);
    place(s.from, s.take);
  }
  place(s.to, s.give);
}
function chunks(entries, n) {
  if (entries.length === 0) return Array.from({ length: n }, () => []);
  const runs = new RunCosts(entries);
  let lo = 0;
  for (const e of entries) lo = Math.max(lo, e.cost + e.fileCost + e.classCost);
  let hi = runs.of(0, entries.length);
  while (lo < hi) {
    let mid = (lo + hi) / 2;
    if (!(mid > lo && mid < hi)) mid = lo;
    const fill = runs.fill(mid, n);
    if (fill.starts.length <= n) hi = fill.slowest;
    else lo = fill.refused;
  }
  const { starts } = runs.fill(hi * (1 + 1e-12), n);
  const ranges = starts.map((a, i) => {
    const b = starts[i + 1] ?? entries.length;
    return { a, b, cost: runs.of(a, b) };
  });
  while (ranges.length < n) {
    let pick;
    for (const r of ranges) if (r.b - r.a > 1 && r.cost > (pick?.cost ?? -1)) pick = r;
    if (pick === void 0) break;
    const { a, b } = pick;
    const cut = runs.balancePoint(a, b);
    ranges.splice(ranges.indexOf(pick), 1, { a, b: cut, cost: runs.of(a, cut) }, { a: cut, b, cost: runs.of(cut, b) });
  }
  const out = ranges.map(({ a, b }) => Array.from({ length: b - a }, (_, i) => a + i));
  while (out.length < n) out.push([]);
  return out;
}
var RunCosts = class {
  constructor(entries) {
    this.entries = entries;
    let files = 0;
    let classes = 0;
    for (const e of entries) {
      files = Math.max(files, e.file + 1);
      classes = Math.max(classes, e.cutClass + 1);
    }
    this.fileMark = new Array(files).fill(0);
    this.classMark = new Array(classes).fill(0);
  }
  entries;
  fileMark;
  classMark;
  stamp = 0;
  /** What `e` adds to the run marked `stamp`, marking its file and class as paid there. */
  add(e, stamp) {
    let add = e.cost;
    if (this.fileMark[e.file] !== stamp) {
      this.fileMark[e.file] = stamp;
      add = e.cost + e.fileCost;
    }
    if (e.cutClass >= 0 && this.classMark[e.cutClass] !== stamp) {
      this.classMark[e.cutClass] = stamp;
      add += e.classCost;
    }
    return add;
  }
  /** Cost of the run [a, b). */
  of(a, b) {
    const stamp = ++this.stamp;
    let c = 0;
    for (let i = a; i < b; i++) c += this.add(this.entries[i], stamp);
    return c;
  }
  /**
   * Greedy fill: each run takes the next item while its cost stays within `bound` (a run always
   * takes its first item). Stops early once it needs more than `limit` runs. `slowest`: the
   * costliest run; `refused`: the least cost a run would have had with the item it turned away.
   */
  fill(bound, limit) {
    const starts = [0];
    let stamp = ++this.stamp;
    let c = 0;
    let slowest = 0;
    let refused = Infinity;
    for (const e of this.entries) {
      const add = this.add(e, stamp);
      if (c > 0 && c + add > bound) {
        refused = Math.min(refused, c + add);
        slowest = Math.max(slowest, c);
        starts.push(e.index);
        if (starts.length > limit) break;
        stamp = ++this.stamp;
        c = this.add(e, stamp);
      } else c += add;
    }
    slowest = Math.max(slowest, c);
    return { starts, slowest, refused };
  }
  /**
   * The first cut m in (a, b) with the smallest max(cost of [a, m), cost of [m, b)). The left cost
   * never falls and the right never rises as m grows, so binary searches find it.
   */
  balancePoint(a, b) {
    const left = (m) => this.of(a, m);
    const right = (m) => this.of(m, b);
    let x = a + 1;
    let y = b;
    while (x < y) {
      const m = x + y >> 1;
      if (left(m) >= right(m)) y = m;
      else x = m + 1;
    }
    const cross = x;
    const atCross = cross < b ? left(cross) : Infinity;
    const before = cross > a + 1 ? right(cross - 1) : Infinity;
    if (atCross < before) return cross;
    x = a + 1;
    y = cross - 1;
    while (x < y) {
      const m = x + y >> 1;
      if (right(m) <= before) y = m;
      else x = m + 1;
    }
    return x;
  }
};

// src/core/selection.ts
import { createHash } from "node:crypto";
var PLUGIN_ROOT = ".split-plan";
function pluginDirOf(group, key) {
  return key === void 0 ? `${PLUGIN_ROOT}/group-${group}` : `${PLUGIN_ROOT}/group-${group}-${key}`;
}
function pluginDirPattern(group) {
  return new RegExp(`^\\.split-plan/group-${group}-[0-9a-f]{16}$`);
}
function contentKey(text) {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 16);
}
function selectShards(perShard, opts = {}) {
  const spread = /* @__PURE__ */ new Map();
  perShard.forEach((units, s) => {
    for (const u of units) {
      let byShard = spread.get(u.file);
      if (!byShard) spread.set(u.file, byShard = /* @__PURE__ */ new Map());
      const cur = byShard.get(s) ?? [0, 0];
      byShard.set(s, [cur[0] + u.seconds, cur[1] + u.tests.length]);
    }
  });
  const cutFiles = [];
  for (const [file, byShard] of spread) {
    if (byShard.size < 2) continue;
    const preferred = opts.preferredOwner?.get(file);
    let owner = preferred !== void 0 && byShard.has(preferred) ? preferred : -1;
    if (owner < 0) {
      let best = [-1, -1];
      for (const [s, share] of [...byShard].sort((a, b) => a[0] - b[0])) {
        if (share[0] > best[0] || share[0] === best[0] && share[1] > best[1]) [best, owner] = [share, s];
      }
    }
    cutFiles.push({ file, owner: owner + 1, groups: [...byShard.keys()].sort((a, b) => a - b).map((s) => s + 1) });
  }
  cutFiles.sort((a, b) => compareIds(a.file, b.file));
  const cut = new Set(cutFiles.map((c) => c.file));
  const shards = perShard.map((units, s) => {
    const secondsByFile = /* @__PURE__ */ new Map();
    for (const u of units) secondsByFile.set(u.file, (secondsByFile.get(u.file) ?? 0) + u.seconds);
    const files = [...secondsByFile.keys()].sort(compareIds);
    const needsPlugin = files.some((f) => cut.has(f)) || opts.pluginShards?.has(s) === true && files.length > 0;
    const pluginDir = needsPlugin ? pluginDirOf(s + 1) : void 0;
    const fileUnits = files.map((f) => ({ selectors: [f], seconds: secondsByFile.get(f) ?? 0 }));
    const selectors = orderSelectors(fileUnits, opts.workers ?? 1, pluginDir !== void 0 ? [pluginDir] : []);
    return pluginDir !== void 0 ? { selectors, pluginDir } : { selectors };
  });
  return { shards, cutFiles };
}
function shardFilters(plan) {
  if (!plan.shards.some((s) => s.pluginDir !== void 0)) return /* @__PURE__ */ new Map();
  const cut = new Map((plan.cutFiles ?? []).map((c) => [c.file, c]));
  const idsOf = /* @__PURE__ */ new Map();
  for (const shard of plan.shards) {
    for (const id of shard.tests) {
      const file = fileOf(id);
      if (!cut.has(file)) continue;
      let byGroup = idsOf.get(file);
      if (!byGroup) idsOf.set(file, byGroup = /* @__PURE__ */ new Map());
      const list2 = byGroup.get(shard.group);
      if (list2) list2.push(id);
      else byGroup.set(shard.group, [id]);
    }
  }
  const out = /* @__PURE__ */ new Map();
  for (const shard of plan.shards) {
    if (shard.pluginDir === void 0) continue;
    out.set(shard.group, { version: 1, group: shard.group, files: {}, together: [] });
  }
  for (const [file, c] of [...cut].sort((a, b) => compareIds(a[0], b[0]))) {
    const byGroup = idsOf.get(file) ?? /* @__PURE__ */ new Map();
    for (const g2 of c.groups) {
      const filter = out.get(g2);
      if (!filter) continue;
      const mine = sortIds([...byGroup.get(g2) ?? []]);
      if (g2 === c.owner) {
        const others = sortIds([...byGroup].filter(([other]) => other !== g2).flatMap(([, ids]) => ids));
        filter.files[file] = { owner: true, mine, others };
      } else {
        filter.files[file] = { owner: false, mine };
      }
    }
  }
  for (const t of plan.together ?? []) {
    const filter = out.get(t.group);
    const files = new Set(t.files);
    if (filter)
      filter.together.push({
        name: t.name,
        pattern: t.pattern,
        files: [...files].sort(compareIds),
        ids: t.tests.filter((id) => !files.has(fileOf(id)) && id.includes("::")).sort(compareIds)
      });
  }
  return out;
}
function xdistGroupName(k) {
  return `split-plan-together-${k}`;
}
function shardFilterText(filter) {
  return JSON.stringify(filter, null, 1) + "\n";
}
function namePluginDirs(plan) {
  const filters = shardFilters(plan);
  return plan.shards.map((s) => {
    const filter = filters.get(s.group);
    if (s.pluginDir === void 0 || filter === void 0) return s;
    const pluginDir = pluginDirOf(s.group, contentKey(shardFilterText(filter)));
    return { ...s, pluginDir, selectors: [pluginDir, ...s.selectors.filter((x) => x !== s.pluginDir)] };
  });
}

// src/core/together.ts
var import_picomatch2 = __toESM(require_picomatch2(), 1);
var SLASH = "\uE000";
function compilePattern(pattern, label = "together") {
  if (pattern.trim() === "") throw new UsageError(`${label}: a pattern must not be empty`);
  const cut = pattern.indexOf("::");
  try {
    const opts = { dot: true };
    if (cut === -1) {
      const path2 = (0, import_picomatch2.default)(pattern, opts);
      return (_id, file) => path2(file);
    }
    const path = (0, import_picomatch2.default)(pattern.slice(0, cut), opts);
    const rest = (0, import_picomatch2.default)(pattern.slice(cut + 2).replaceAll("/", SLASH), opts);
    return (id, file) => id.length > file.length + 2 && path(file) && rest(id.slice(file.length + 2).replaceAll("/", SLASH));
  } catch (e) {
    throw new UsageError(`${label}: ${JSON.stringify(pattern)} is not a valid glob pattern (${e.message})`);
  }
}
function matchTogether(suite, patterns) {
  const matchers = patterns.map((p) => compilePattern(p));
  const matches = patterns.map((pattern) => ({ pattern, tests: [], wholeFiles: [] }));
  const wholeFile = patterns.map((p) => !p.includes("::"));
  const files = /* @__PURE__ */ new Map();
  const fileHits = (file) => {
    let hit = files.get(file);
    if (!hit) files.set(file, hit = matchers.map((m, k) => wholeFile[k] === true && m("", file)));
    return hit;
  };
  for (const t of suite.tests) {
    const whole = fileHits(t.file);
    matchers.forEach((m, k) => {
      if (whole[k] || !wholeFile[k] && m(t.id, t.file)) matches[k].tests.push(t.id);
    });
  }
  for (const u of suite.unknownFiles) fileHits(u.file).forEach((hit, k) => hit && matches[k].tests.push(u.file));
  for (const [file, hits] of files) hits.forEach((hit, k) => hit && matches[k].wholeFiles.push(file));
  for (const m of matches) {
    m.tests.sort(compareIds);
    m.wholeFiles.sort(compareIds);
  }
  return { matches, sets: mergeSets(matches, new Set(suite.unknownFiles.map((u) => u.file))) };
}
function mergeSets(matches, unknown) {
  const parent = matches.map((_, i) => i);
  const find = (i) => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const firstOwner = /* @__PURE__ */ new Map();
  matches.forEach((m, k) => {
    for (const id of m.tests) {
      const other = firstOwner.get(id);
      if (other === void 0) firstOwner.set(id, k);
      else {
        const [a, b] = [find(other), find(k)];
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const sets = /* @__PURE__ */ new Map();
  matches.forEach((m, k) => {
    if (m.tests.length === 0) return;
    const root = find(k);
    let set = sets.get(root);
    if (!set) sets.set(root, set = { patterns: [], ids: /* @__PURE__ */ new Set(), unknownFiles: /* @__PURE__ */ new Set() });
    set.patterns.push(k);
    for (const id of m.tests) (unknown.has(id) && !id.includes("::") ? set.unknownFiles : set.ids).add(id);
  });
  return [...sets.values()];
}
function filesOfSet(set) {
  return [.../* @__PURE__ */ new Set([...[...set.ids].map(fileOf), ...set.unknownFiles])].sort(compareIds);
}

// src/core/units.ts
function unitChoices(suite, opts) {
  const setups = opts.setups ?? NO_SETUPS;
  const cutter = new Cutter(setups);
  const { fileTests, togetherUnits, touched } = takeTogether(suite, opts.together ?? [], cutter);
  const unknownUnits = suite.unknownFiles.filter((u) => !togetherUnits.some((t) => t.selectors.includes(u.file))).map((u) => ({
    key: u.file,
    file: u.file,
    selectors: [u.file],
    tests: [u.file],
    seconds: u.seconds,
    longest: u.seconds,
    estimated: 1,
    partial: false
  }));
  let choices;
  switch (opts.granularity) {
    case "file":
      choices = [fileTests.map((g2) => cutter.wholeFile(g2))];
      break;
    case "class":
      choices = [fileTests.flatMap((g2) => cutter.byClass(g2))];
      break;
    case "test":
      choices = [fileTests.flatMap((g2) => g2.tests.length === 1 ? [cutter.wholeFile(g2)] : cutter.byTest(g2))];
      break;
    case "auto": {
      const whole = fileTests.map((g2) => cutter.wholeFile(g2));
      const cut = autoUnits(fileTests, whole, unknownUnits.concat(togetherUnits), opts, cutter);
      choices = cut === void 0 ? [whole] : [whole, cut];
      break;
    }
  }
  return choices.map((units) => {
    if (opts.granularity !== "test" && units.length + unknownUnits.length + togetherUnits.length < opts.splits) {
      units = fileTests.flatMap((g2) => g2.tests.length > 1 ? cutter.byTest(g2) : [cutter.wholeFile(g2)]);
    }
    if (touched.size > 0) units = units.map((u) => touched.has(u.file) && !u.partial ? { ...u, partial: true } : u);
    const all = units.concat(unknownUnits, togetherUnits);
    all.sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return { units: all };
  });
}
function takeTogether(suite, sets, cutter) {
  const all = splitByFile(suite.tests);
  if (sets.length === 0) return { fileTests: all, togetherUnits: [], touched: /* @__PURE__ */ new Set() };
  const setOf = /* @__PURE__ */ new Map();
  sets.forEach((set, k) => {
    for (const id of set.ids) if (!setOf.has(id)) setOf.set(id, k);
  });
  const taken = sets.map(() => /* @__PURE__ */ new Map());
  const fileTests = [];
  const touched = /* @__PURE__ */ new Set();
  for (const g2 of all) {
    const rest = [];
    for (const t of g2.tests) {
      const k = setOf.get(t.id);
      if (k === void 0) {
        rest.push(t);
        continue;
      }
      const byFile = taken[k];
      const list2 = byFile.get(g2.file);
      if (list2) list2.push(t);
      else byFile.set(g2.file, [t]);
    }
    if (rest.length > 0) fileTests.push(rest.length === g2.tests.length ? g2 : { file: g2.file, tests: rest });
    if (rest.length > 0 && rest.length < g2.tests.length) touched.add(g2.file);
  }
  const unknown = new Map(suite.unknownFiles.map((u) => [u.file, u]));
  const togetherUnits = sets.map((set, k) => {
    const members = [...taken[k]].map(([file, tests]) => cutter.make(file, [file], tests, touched.has(file)));
    for (const file of set.unknownFiles) {
      const u = unknown.get(file);
      if (u) members.push({ key: file, file, selectors: [file], tests: [file], seconds: u.seconds, longest: u.seconds, estimated: 1, partial: false });
    }
    members.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    const first = members[0];
    return {
      key: `${first.key}\0together-${k}`,
      file: first.file,
      selectors: members.map((m) => m.file),
      tests: members.flatMap((m) => m.tests),
      seconds: sum(members.map((m) => m.seconds)),
      // One block: in order, on one worker.
      longest: sum(members.map((m) => m.seconds)),
      estimated: sum(members.map((m) => m.estimated)),
      partial: members.some((m) => m.partial),
      together: k,
      members
    };
  });
  return { fileTests, togetherUnits: togetherUnits.filter((u) => u.members !== void 0 && u.members.length > 0), touched };
}
function wholeFileUnits(suite, files, setups = NO_SETUPS) {
  const cutter = new Cutter(setups);
  return new Map(splitByFile(suite.tests.filter((t) => files.has(t.file))).map((g2) => [g2.file, cutter.wholeFile(g2)]));
}
function fileCost2(file, tests, opts) {
  return fileCost(opts, file, tests);
}
function classCost2(cutClass, tests, opts) {
  return classCost(opts, cutClass, tests);
}
function ownSeconds(t, setups, classCut) {
  if (setups.fileShare.size === 0 && setups.classShare.size === 0) return t.seconds;
  let s = t.seconds - (setups.fileShare.get(t.id) ?? 0);
  if (classCut) s -= setups.classShare.get(t.id) ?? 0;
  return Math.max(0, s);
}
function fileShares(suite, opts) {
  const fileTests = splitByFile(suite.tests);
  const cutter = new Cutter(opts.setups ?? NO_SETUPS);
  const { share, cost } = sharesOf(
    fileTests,
    fileTests.map((g2) => cutter.wholeFile(g2)),
    suite.unknownFiles,
    opts
  );
  return { share, costs: new Map(fileTests.map((g2, i) => [g2.file, cost[i].own + cost[i].once])) };
}
function sharesOf(fileTests, whole, unknown, opts) {
  const cost = fileTests.map((g2, i) => ({ own: itemCost(opts, whole[i].seconds), once: fileCost2(g2.file, g2.tests.length, opts) }));
  const total = sum(cost.map((c) => c.own + c.once)) + sum(unknown.map((u) => itemCost(opts, u.seconds) + opts.overhead.perFileSeconds));
  return { share: total / opts.splits, cost };
}
function autoUnits(fileTests, whole, extra, opts, cutter) {
  const { workers } = opts;
  if (opts.splits === 1) return void 0;
  const { share, cost } = sharesOf(fileTests, whole, extra, opts);
  const out = [];
  let cutAny = false;
  for (const [i, g2] of fileTests.entries()) {
    const c = cost[i];
    if (c.own + c.once <= share || g2.tests.length === 1) {
      out.push(whole[i]);
      continue;
    }
    cutAny = true;
    const limit = Math.max(share - c.once, 0);
    const fine = cutter.byClass(g2).flatMap((piece) => piece.seconds / workers > limit && piece.tests.length > 1 ? cutter.byTest(testsOf(g2, piece)) : [piece]);
    out.push(...packContiguous(fine, limit * workers));
  }
  return cutAny ? out : void 0;
}
function testsOf(g2, unit) {
  const ids = new Set(unit.tests);
  return { file: g2.file, tests: g2.tests.filter((t) => ids.has(t.id)) };
}
var Cutter = class {
  constructor(setups) {
    this.setups = setups;
  }
  setups;
  /** A test's own seconds: its file's setup off, and its class's too when the class is cut. */
  own(t, classCut) {
    return ownSeconds(t, this.setups, classCut);
  }
  make(file, selectors, tests, partial, cutClass) {
    let longest = 0;
    let estimated = 0;
    let seconds = 0;
    let carry = 0;
    for (const t of tests) {
      const own = this.own(t, cutClass !== void 0);
      const next = seconds + own;
      carry += Math.abs(seconds) >= Math.abs(own) ? seconds - next + own : own - next + seconds;
      seconds = next;
      if (own > longest) longest = own;
      if (t.estimated) estimated++;
    }
    return {
      key: selectors[0] ?? file,
      file,
      selectors,
      tests: tests.map((t) => t.id),
      seconds: seconds + carry,
      longest,
      estimated,
      partial,
      ...cutClass !== void 0 ? { cutClass } : {}
    };
  }
  wholeFile(g2) {
    return this.make(g2.file, [g2.file], g2.tests, false);
  }
  /** One unit per test, selected by its full node id; a test of a class is part of a cut class. */
  byTest(g2) {
    return g2.tests.map((t) => this.make(g2.file, [t.id], [t], true, classKeyOf(t.id)));
  }
  /**
   * One unit per outermost class (selector `file::Class`), and one per module-level function with
   * all its parametrizations (selectors: their ids).
   */
  byClass(g2) {
    const pieces = /* @__PURE__ */ new Map();
    for (const t of g2.tests) {
      const p = parseNodeId(t.id);
      const cls = classKeyOf(p);
      const key = cls ?? `${p.file}::${p.func}`;
      let piece = pieces.get(key);
      if (!piece) {
        piece = cls !== void 0 ? { selector: key, tests: [] } : { tests: [] };
        pieces.set(key, piece);
      }
      piece.tests.push(t);
    }
    if (pieces.size === 1) return [this.wholeFile(g2)];
    return [...pieces.keys()].sort().map((k) => {
      const piece = pieces.get(k);
      const selectors = piece.selector !== void 0 ? [piece.selector] : piece.tests.map((t) => t.id);
      return this.make(g2.file, selectors, piece.tests, true);
    });
  }
};
function splitByFile(tests) {
  const fileTests = [];
  const byFile = /* @__PURE__ */ new Map();
  let ordered = true;
  let cur;
  for (const t of tests) {
    if (cur === void 0 || t.file !== cur.file) {
      if (cur !== void 0 && !(cur.file < t.file)) ordered = false;
      cur = byFile.get(t.file);
      if (!cur) {
        cur = { file: t.file, tests: [] };
        byFile.set(t.file, cur);
        fileTests.push(cur);
      }
    }
    cur.tests.push(t);
  }
  return ordered ? fileTests : fileTests.sort((a, b) => a.file < b.file ? -1 : 1);
}
function packContiguous(pieces, limit) {
  const out = [];
  let run = [];
  let seconds = 0;
  let cutClass;
  for (const p of pieces) {
    const twoClasses = cutClass !== void 0 && p.cutClass !== void 0 && cutClass !== p.cutClass;
    if (run.length > 0 && !twoClasses && seconds + p.seconds <= limit) {
      run.push(p);
      seconds += p.seconds;
      cutClass ??= p.cutClass;
    } else {
      if (run.length > 0) out.push(packed(run, seconds, cutClass));
      run = [p];
      seconds = p.seconds;
      cutClass = p.cutClass;
    }
  }
  if (run.length > 0) out.push(packed(run, seconds, cutClass));
  return out;
}
function packed(run, seconds, cutClass) {
  const first = run[0];
  if (run.length === 1) return first;
  let longest = 0;
  let estimated = 0;
  for (const p of run) {
    longest = Math.max(longest, p.longest);
    estimated += p.estimated;
  }
  return {
    key: first.key,
    file: first.file,
    selectors: run.flatMap((p) => p.selectors),
    tests: run.flatMap((p) => p.tests),
    seconds,
    longest,
    estimated,
    partial: true,
    ...cutClass !== void 0 ? { cutClass } : {}
  };
}

// src/core/plan.ts
function buildPlan(suite, opts) {
  const { splits, workers } = opts;
  const setups = opts.setups ?? NO_SETUPS;
  const overhead = { ...opts.overhead, fixedSeconds: opts.overhead.fixedSeconds + setups.sessionSeconds };
  const model = { ...opts, overhead, setups };
  const together = opts.together !== void 0 && opts.together.length > 0 ? matchTogether(suite, opts.together) : void 0;
  const { together: _patterns, ...unitOptions } = model;
  const choices = unitChoices(suite, { ...unitOptions, ...together ? { together: together.sets } : {} });
  const perTest = perTestSeconds(suite, setups);
  if (choices[0].units.length === 0) {
    throw new InputError("nothing to plan: no timings, no collected tests and no test files were found");
  }
  let best;
  for (const choice of choices) {
    const { assignment, exact: exact2 } = place2(choice.units, model, perTest);
    const makespan2 = maxOf(exact2.map((c) => c.predicted));
    if (!best || makespan2 < best.makespan - 1e-9 * Math.max(1, makespan2)) best = { choice, assignment, exact: exact2, makespan: makespan2 };
  }
  const chosen = best;
  const { units } = chosen.choice;
  let perShard = chosen.assignment.map((idxs) => idxs.map((k) => units[k]));
  let exact = chosen.exact;
  const togetherShard = /* @__PURE__ */ new Map();
  if (together) {
    perShard = perShard.map(
      (us, s) => us.flatMap((u) => {
        if (u.members === void 0) return [u];
        togetherShard.set(u.together, s);
        return membersOf(u);
      })
    );
    exact = perShard.map((us) => shardCost(us, model, perTest));
  }
  const togetherFiles = new Set(together?.sets.flatMap(filesOfSet) ?? []);
  if (opts.granularity === "auto") ({ perShard, exact } = rejoinFiles(perShard, exact, suite, model, togetherFiles, perTest));
  const makespan = maxOf(exact.map((c) => c.predicted));
  const splitFiles = [...new Set(perShard.flatMap((us) => us.filter((u) => u.partial).map((u) => u.file)))].sort();
  const preferredOwner = /* @__PURE__ */ new Map();
  together?.sets.forEach((set, k) => {
    const shard = togetherShard.get(k);
    if (shard !== void 0) {
      for (const f of filesOfSet(set)) if (!preferredOwner.has(f)) preferredOwner.set(f, shard);
    }
  });
  const selection = selectShards(perShard, { preferredOwner, pluginShards: new Set(togetherShard.values()), workers });
  const { cutFiles } = selection;
  const placed = perShard.map((us, i) => toShard(i + 1, us, exact[i], selection.shards[i]));
  const allTests = sum(units.map((u) => u.tests.length));
  const estimatedTests = sum(units.map((u) => u.estimated));
  const totalSeconds = sum(suite.tests.map((t) => t.seconds)) + sum(suite.unknownFiles.map((u) => u.seconds));
  const lowerBound2 = lowerBoundOf(units.flatMap(membersOf), model);
  const plannedTogether = (together?.matches ?? []).map((m, k) => {
    const setIndex = together?.sets.findIndex((set2) => set2.patterns.includes(k)) ?? -1;
    const set = together?.sets[setIndex];
    const shard = togetherShard.get(setIndex);
    return {
      pattern: m.pattern,
      group: shard === void 0 ? 0 : shard + 1,
      name: xdistGroupName((set?.patterns[0] ?? k) + 1),
      files: m.wholeFiles,
      tests: m.tests
    };
  });
  const warnings = [];
  const emptyShards = placed.filter((s) => s.tests.length === 0).map((s) => s.group);
  if (emptyShards.length > 0) warnings.push({ code: "empty-shards", units: units.length, splits, groups: emptyShards });
  if (estimatedTests > 0) warnings.push({ code: "estimated-tests", tests: estimatedTests });
  if (suite.stale.length > 0) warnings.push({ code: "stale-entries", ids: [...suite.stale] });
  const missing = suite.missingFiles ?? [];
  if (missing.length > 0) warnings.push({ code: "missing-files", files: [...missing], collected: suite.exact, tests: suite.missingEntries ?? 0 });
  const unmatched = together?.matches.filter((m) => m.tests.length === 0).map((m) => m.pattern) ?? [];
  if (unmatched.length > 0) warnings.push({ code: "unmatched-together", patterns: unmatched });
  if (suite.unknownFiles.length > 0) warnings.push({ code: "untimed-files", files: suite.unknownFiles.map((u) => u.file) });
  return {
    version: 1,
    splits,
    granularity: opts.granularity,
    algorithm: opts.algorithm,
    workers,
    totalSeconds: roundMs(totalSeconds),
    lowerBoundSeconds: roundMs(lowerBound2),
    makespanSeconds: roundMs(makespan),
    imbalance: lowerBound2 > 0 ? Math.round((makespan / lowerBound2 - 1) * 1e6) / 1e6 : 0,
    overhead: {
      fixedSeconds: roundMs(overhead.fixedSeconds),
      perFileSeconds: Math.round(overhead.perFileSeconds * 1e6) / 1e6,
      source: overhead.source,
      samples: overhead.samples,
      ...workers > 1 ? { workerStartSeconds: roundMs(overhead.workerStartSeconds ?? 0) } : {},
      ...overhead.startupSeconds !== void 0 ? { startupSeconds: roundMs(overhead.startupSeconds) } : {}
    },
    tests: allTests,
    estimatedTests,
    staleEntries: suite.stale.length + (suite.missingEntries ?? 0),
    splitFiles,
    cutFiles,
    together: plannedTogether,
    shards: namePluginDirs({ shards: placed, cutFiles, together: plannedTogether }),
    warnings
  };
}
function rejoinFiles(perShard, exact, suite, opts, keep, perTest) {
  const shardsOf = /* @__PURE__ */ new Map();
  perShard.forEach((us, s) => {
    for (const u of us) {
      if (!u.partial || keep.has(u.file)) continue;
      const set = shardsOf.get(u.file) ?? /* @__PURE__ */ new Set();
      shardsOf.set(u.file, set.add(s));
    }
  });
  const inOneShard = [...shardsOf].filter(([, set]) => set.size === 1).map(([file, set]) => ({ file, shard: [...set][0] }));
  if (inOneShard.length === 0) return { perShard, exact };
  const whole = wholeFileUnits(suite, new Set(inOneShard.map((c) => c.file)), opts.setups);
  const out = perShard.slice();
  const outExact = exact.slice();
  for (const { file, shard } of inOneShard.sort((a, b) => a.shard - b.shard || compareIds(a.file, b.file))) {
    const next = out[shard].filter((u) => u.file !== file || !u.partial);
    next.push(whole.get(file));
    next.sort((a, b) => compareIds(a.key, b.key));
    const cost = shardCost(next, opts, perTest);
    if (cost.predicted <= outExact[shard].predicted + 1e-9) {
      out[shard] = next;
      outExact[shard] = cost;
    }
  }
  return { perShard: out, exact: outExact };
}
function membersOf(u) {
  if (u.members === void 0) return [u];
  return u.members.map((m, i) => i === 0 ? { ...m, longest: u.longest } : m);
}
function lowerBoundOf(units, opts) {
  return lowerBound(opts, units, opts.splits);
}
function place2(units, opts, perTest) {
  const testsPerFile = /* @__PURE__ */ new Map();
  const testsPerClass = /* @__PURE__ */ new Map();
  for (const u of units) {
    testsPerFile.set(u.file, (testsPerFile.get(u.file) ?? 0) + u.tests.length);
    if (u.cutClass !== void 0) testsPerClass.set(u.cutClass, (testsPerClass.get(u.cutClass) ?? 0) + u.tests.length);
  }
  const items = units.map((u) => {
    const item = { cost: u.seconds / opts.workers, file: u.file, fileCost: fileCost2(u.file, testsPerFile.get(u.file) ?? 1, opts) };
    const paid = u.cutClass !== void 0 ? classCost2(u.cutClass, testsPerClass.get(u.cutClass) ?? 1, opts) : 0;
    if (paid > 0) {
      item.cutClass = u.cutClass;
      item.classCost = paid;
    }
    return item;
  });
  const assignment = partition(items, opts.algorithm, { splits: opts.splits, perFile: opts.overhead.perFileSeconds });
  const exact = assignment.map(
    (idxs) => shardCost(
      idxs.map((k) => units[k]),
      opts,
      perTest
    )
  );
  return { assignment, exact };
}
function perTestSeconds(suite, setups) {
  let byId;
  const cache = /* @__PURE__ */ new WeakMap();
  return (u) => {
    let out = cache.get(u);
    if (out) return out;
    byId ??= new Map(suite.tests.map((t) => [t.id, t]));
    const tests = byId;
    out = u.tests.map((id) => {
      const t = tests.get(id);
      return t ? ownSeconds(t, setups, u.cutClass !== void 0) : u.seconds / u.tests.length;
    });
    cache.set(u, out);
    return out;
  };
}
function shardCost(units, opts, perTest) {
  return priceShard(opts, units, perTest);
}
function toShard(group, units, cost, selection) {
  return {
    group,
    predictedSeconds: roundMs(cost.predicted),
    testSeconds: roundMs(cost.testSeconds),
    overheadSeconds: roundMs(cost.predicted - cost.own),
    files: cost.files,
    ...selection.pluginDir !== void 0 ? { pluginDir: selection.pluginDir } : {},
    selectors: selection.selectors,
    tests: sortIds(units.flatMap((u) => u.tests)),
    estimated: sum(units.map((u) => u.estimated))
  };
}

// src/core/recommend.ts
var DEFAULT_JOB_OVERHEAD_SECONDS = 30;
var MIN_EFFICIENCY = 0.5;
var WALL_TOLERANCE = 0.05;
var BILLING_UNIT_SECONDS = 60;
var RECENT_PLANS = 3;
function rowOf(plan, jobOverheadSeconds) {
  const ran = plan.shards.filter((s) => s.tests.length > 0);
  const wall = roundMs(jobOverheadSeconds + plan.makespanSeconds);
  const unitMs = BILLING_UNIT_SECONDS * 1e3;
  const billed = sum(ran.map((s) => Math.ceil(Math.round((jobOverheadSeconds + s.predictedSeconds) * 1e3) / unitMs)));
  const work = plan.totalSeconds / plan.workers;
  const efficiency = ran.length === 0 ? 0 : wall === 0 ? 1 : Math.min(1, work / (ran.length * wall));
  return {
    splits: plan.splits,
    jobs: ran.length,
    slowestSeconds: plan.makespanSeconds,
    wallSeconds: wall,
    billedMinutes: billed,
    efficiency: Math.round(efficiency * 1e4) / 1e4
  };
}
function recommend(suite, opts) {
  const { jobOverheadSeconds, maxSplits } = opts;
  const rows = /* @__PURE__ */ new Map();
  const recent = [];
  const planFor = (splits) => buildPlan(suite, { ...opts.plan, splits });
  const evaluate = (splits) => {
    const known = rows.get(splits);
    if (known) return known;
    const plan2 = planFor(splits);
    recent.push(plan2);
    if (recent.length > RECENT_PLANS) recent.shift();
    const row = rowOf(plan2, jobOverheadSeconds);
    rows.set(splits, row);
    return row;
  };
  const choice = chooseSplits(evaluate, {
    maxSplits,
    ...opts.targetSeconds !== void 0 ? { targetSeconds: opts.targetSeconds } : {},
    ...opts.exhaustive ? { exhaustive: true } : {}
  });
  const plan = recent.find((p) => p.splits === choice.splits) ?? planFor(choice.splits);
  if (opts.context) for (const n of contextSplits(choice.splits, maxSplits)) evaluate(n);
  return {
    ...choice,
    jobOverheadSeconds,
    ...opts.targetSeconds !== void 0 ? { targetSeconds: opts.targetSeconds } : {},
    rows: [...rows.values()].sort((a, b) => a.splits - b.splits),
    plan
  };
}
function chooseSplits(evaluate, opts) {
  const max = opts.maxSplits;
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxSplits must be a positive integer, got ${max}`);
  if (opts.exhaustive) for (let n = 1; n <= max; n++) evaluate(n);
  const target = opts.targetSeconds;
  const exhaustive = opts.exhaustive === true;
  if (target === void 0) return efficiencyPick(evaluate, max, exhaustive, "");
  const meets = (n) => evaluate(n).wallSeconds <= target;
  const hit = exhaustive ? firstOf(1, max, meets) : firstTrueFromOne(meets, max);
  if (hit !== void 0) {
    return {
      splits: hit,
      rule: "target",
      reason: `${hit} is the smallest N whose predicted wall (job overhead + slowest shard, ${fmt(evaluate(hit).wallSeconds)} s) meets the ${fmt(target)} s target`
    };
  }
  const fallback = efficiencyPick(evaluate, max, exhaustive, `no N up to ${max} meets the ${fmt(target)} s target; `);
  return { ...fallback, rule: "target-unreachable" };
}
function efficiencyPick(evaluate, max, exhaustive, prefix) {
  const efficient = (n) => evaluate(n).efficiency >= MIN_EFFICIENCY;
  let top;
  if (exhaustive) top = lastOf(1, max, efficient) ?? 1;
  else if (!efficient(1)) top = 1;
  else {
    const fails = firstTrueFromOne((n) => !efficient(n), max);
    top = fails === void 0 ? max : fails - 1;
  }
  const limit = evaluate(top).wallSeconds * (1 + WALL_TOLERANCE);
  const near = (n) => evaluate(n).wallSeconds <= limit;
  const knee = exhaustive || near(1) ? firstOf(1, top, near) : firstTrue(1, top, near);
  const pct2 = (x) => `${Math.round(x * 100)}%`;
  let why = !efficient(top) ? `even 1 shard spends less than ${pct2(MIN_EFFICIENCY)} of its machine time running tests` : knee === top ? `${top} is the largest N at which tests fill at least ${pct2(MIN_EFFICIENCY)} of the machine time` : `${top} is the largest N at which tests fill at least ${pct2(MIN_EFFICIENCY)} of the machine time, and ${knee} already comes within ${pct2(WALL_TOLERANCE)} of its wall`;
  const cheaper = underNextMinute(evaluate, knee, max, exhaustive);
  if (cheaper !== void 0) {
    const a = evaluate(knee);
    const b = evaluate(cheaper);
    const minutes = Math.ceil(b.wallSeconds / BILLING_UNIT_SECONDS);
    why += `; ${cheaper} shards bring the wall within ${minutes} minute${minutes === 1 ? "" : "s"} and bill ${b.billedMinutes} min instead of ${a.billedMinutes}`;
  }
  return { splits: cheaper ?? knee, rule: "efficiency", reason: `${prefix}more shards stop paying off: ${why}` };
}
function underNextMinute(evaluate, n, max, exhaustive) {
  const at = evaluate(n);
  const boundary = Math.ceil(at.wallSeconds / BILLING_UNIT_SECONDS - 1) * BILLING_UNIT_SECONDS;
  if (boundary <= 0) return void 0;
  const under = (k) => evaluate(k).wallSeconds <= boundary;
  const hi = Math.min(max, 2 * n);
  if (hi <= n) return void 0;
  const found = exhaustive ? firstOf(n + 1, hi, under) : under(hi) ? firstTrue(n, hi, under) : void 0;
  if (found === void 0) return void 0;
  const row = evaluate(found);
  return row.billedMinutes <= at.billedMinutes ? found : void 0;
}
function contextSplits(pick, max) {
  const out = /* @__PURE__ */ new Set([pick - 1, pick + 1]);
  for (let n = 1; n <= Math.min(max, 2 * pick); n *= 2) out.add(n);
  return [...out].filter((n) => n >= 1 && n <= max).sort((a, b) => a - b);
}
function firstTrueFromOne(pred, max) {
  if (pred(1)) return 1;
  let failed = 1;
  while (failed < max) {
    const next = Math.min(max, failed * 2);
    if (pred(next)) return firstTrue(failed, next, pred);
    failed = next;
  }
  return void 0;
}
function midpoint(lo, hi) {
  return Math.min(hi - 1, Math.max(lo + 1, Math.round(Math.sqrt(lo * hi))));
}
function firstTrue(lo, hi, pred) {
  while (hi - lo > 1) {
    const mid = midpoint(lo, hi);
    if (pred(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
function firstOf(from, to, pred) {
  for (let n = from; n <= to; n++) if (pred(n)) return n;
  return void 0;
}
function lastOf(from, to, pred) {
  for (let n = to; n >= from; n--) if (pred(n)) return n;
  return void 0;
}
function fmt(x) {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
var WORKER_CHOICES = [1, 2, 4];
function coreBudgets(pickCores, maxCores) {
  const out = [];
  const top = Math.max(4, 2 * pickCores);
  for (let c = 2; c <= maxCores; c *= 2) {
    out.push(c);
    if (c >= top) break;
  }
  return out;
}
function compareWorkers(suite, opts) {
  const out = [];
  for (const cores of opts.cores) {
    const rows = [];
    for (const workers of WORKER_CHOICES) {
      const splits = cores / workers;
      if (!Number.isInteger(splits) || splits < 1 || splits > opts.maxSplits) continue;
      const plan = buildPlan(suite, { ...opts.plan, splits, workers });
      rows.push({ ...rowOf(plan, opts.jobOverheadSeconds), cores, workers, best: false });
    }
    const fastest = Math.min(...rows.map((r) => r.wallSeconds));
    let best;
    for (const r of rows) {
      if (r.wallSeconds > fastest * (1 + WALL_TOLERANCE)) continue;
      if (!best || r.billedMinutes < best.billedMinutes || r.billedMinutes === best.billedMinutes && r.wallSeconds < best.wallSeconds) best = r;
    }
    if (best) best.best = true;
    out.push(...rows);
  }
  return out;
}

// src/app/plan.ts
import { join as join2, resolve as resolve5 } from "node:path";

// src/core/suite.ts
var DEFAULT_TEST_SECONDS = 1;
function buildSuite(input) {
  const { timings } = input;
  let est;
  const estimator = () => est ??= new Estimator(timings);
  const byFile = new TestsByFile();
  if (input.collected) {
    const wanted = new Set(input.collected);
    const stale = [...timings.keys()].filter((id) => !wanted.has(id)).sort();
    for (const id of wanted) {
      const file = byFile.fileOf(id);
      const known = timings.get(id);
      byFile.add(known === void 0 ? { id, file, seconds: estimator().forTest(file), estimated: true } : { id, file, seconds: known, estimated: false });
    }
    const tests2 = byFile.tests();
    const unknownFiles2 = [];
    return { tests: tests2, unknownFiles: unknownFiles2, stale, exact: true };
  }
  timings.forEach((seconds, id) => byFile.add({ id, file: byFile.fileOf(id), seconds, estimated: false }));
  for (const id of new Set(input.unmeasured ?? [])) {
    if (timings.has(id)) continue;
    const file = byFile.fileOf(id);
    byFile.add({ id, file, seconds: estimator().forTest(file), estimated: true });
  }
  const tests = byFile.tests();
  const unknownFiles = [...new Set(input.discoveredFiles ?? [])].filter((f) => !byFile.has(f)).sort().map((file) => ({ file, seconds: estimator().forFile(file) }));
  return { tests, unknownFiles, stale: [], exact: false };
}
var TestsByFile = class {
  byFile = /* @__PURE__ */ new Map();
  run = [];
  runFile;
  previous;
  ordered = true;
  /** The file part of `id`; call before add() with the test of that id. */
  fileOf(id) {
    const file = fileOf(id);
    if (file === this.runFile) return this.runFile;
    if (this.runFile !== void 0 && !(this.runFile < file)) this.ordered = false;
    const known = this.byFile.get(file);
    if (known) this.run = known;
    else this.byFile.set(file, this.run = []);
    this.runFile = file;
    this.previous = void 0;
    return file;
  }
  add(test) {
    if (this.previous !== void 0 && !(this.previous < test.id)) this.ordered = false;
    this.previous = test.id;
    this.run.push(test);
  }
  has(file) {
    return this.byFile.has(file);
  }
  tests() {
    const names = this.ordered ? [...this.byFile.keys()] : [...this.byFile.keys()].sort();
    const out = [];
    for (const file of names) {
      const list2 = this.byFile.get(file);
      if (!this.ordered && !idsInOrder(list2)) list2.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      for (const t of list2) out.push(t);
    }
    return out;
  }
};
function idsInOrder(tests) {
  for (let i = 1; i < tests.length; i++) if (!(tests[i - 1].id < tests[i].id)) return false;
  return true;
}
var Estimator = class {
  byFile = /* @__PURE__ */ new Map();
  dirCache = /* @__PURE__ */ new Map();
  suiteCache;
  constructor(timings) {
    for (const [id, s] of timings) {
      const f = fileOf(id);
      const list2 = this.byFile.get(f);
      if (list2) list2.push(s);
      else this.byFile.set(f, [s]);
    }
    for (const list2 of this.byFile.values()) list2.sort((a, b) => a - b);
  }
  forTest(file) {
    const own = this.byFile.get(file);
    if (own) return median2(own);
    return this.nearest(file)?.test ?? DEFAULT_TEST_SECONDS;
  }
  /** A whole file of unknown tests: the median file total of its neighbourhood. */
  forFile(file) {
    return this.nearest(file)?.file ?? DEFAULT_TEST_SECONDS;
  }
  nearest(file) {
    if (this.byFile.size === 0) return null;
    let dir = dirOf(file);
    for (; ; ) {
      const stats = this.dirStats(dir);
      if (stats) return stats;
      if (dir === "") break;
      dir = dirOf(dir);
    }
    return this.suiteStats();
  }
  dirStats(dir) {
    const cached = this.dirCache.get(dir);
    if (cached !== void 0) return cached;
    const prefix = dir === "" ? "" : dir + "/";
    const tests = [];
    const files = [];
    for (const [f, times] of this.byFile) {
      if (dir !== "" && !f.startsWith(prefix)) continue;
      if (dir === "" && f.includes("/")) continue;
      for (const t of times) tests.push(t);
      files.push(times.reduce((a, b) => a + b, 0));
    }
    const stats = tests.length ? { test: median2(tests), file: median2(files) } : null;
    this.dirCache.set(dir, stats);
    return stats;
  }
  suiteStats() {
    if (this.suiteCache !== void 0) return this.suiteCache;
    const tests = [];
    const files = [];
    for (const times of this.byFile.values()) {
      for (const t of times) tests.push(t);
      files.push(times.reduce((a, b) => a + b, 0));
    }
    this.suiteCache = tests.length ? { test: median2(tests), file: median2(files) } : null;
    return this.suiteCache;
  }
};
function suiteFiles(suite) {
  const out = [];
  let last;
  for (const t of suite.tests) {
    if (t.file !== last) out.push(last = t.file);
  }
  return out;
}
function withoutFiles(suite, missing) {
  if (missing.size === 0) return suite;
  const tests = suite.tests.filter((t) => !missing.has(t.file));
  return {
    ...suite,
    tests,
    missingFiles: [...missing].sort(),
    missingEntries: (suite.missingEntries ?? 0) + suite.tests.length - tests.length
  };
}

// node_modules/smol-toml/dist/error.js
function getLineColFromPtr(string, ptr) {
  let lines = string.slice(0, ptr).split(/\r?\n/);
  return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
  let lines = string.split(/\r?\n/);
  let codeblock = "";
  let numberLen = (Math.log10(line + 1) | 0) + 1;
  for (let i = line - 1; i <= line + 1; i++) {
    let l = lines[i - 1];
    if (!l)
      continue;
    codeblock += i.toString().padEnd(numberLen, " ");
    codeblock += ":  ";
    codeblock += l;
    codeblock += "\n";
    if (i === line) {
      codeblock += " ".repeat(numberLen + column + 2);
      codeblock += "^\n";
    }
  }
  return codeblock;
}
var TomlError = class _TomlError extends Error {
  line;
  column;
  codeblock;
  constructor(message, options) {
    const [line, column] = getLineColFromPtr(options.toml, options.ptr);
    const codeblock = makeCodeBlock(options.toml, line, column);
    super(`Invalid TOML document: ${message}

${codeblock}`, options);
    this.line = line;
    this.column = column;
    this.codeblock = codeblock;
  }
  /** @internal */
  static x(message, ctx, ptr) {
    throw new _TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
  }
};

// node_modules/smol-toml/dist/primitive.js
function parseString(ctx) {
  let startPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p++);
  let first = c;
  let isLiteral = c === 39;
  let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
  if (isMultiline) {
    if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 10)
      ctx.p++;
    else if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)
      ctx.p += 2;
  }
  let parsed = "";
  let sliceStart = ctx.p;
  let state = 0;
  for (; ctx.p < ctx.s.length; ctx.p++) {
    c = ctx.s.charCodeAt(ctx.p);
    if (isMultiline && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)) {
      state = state && 3;
    } else if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in strings", ctx);
    } else if ((!state || state === 3) && c === first && (!isMultiline || ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first)) {
      if (isMultiline) {
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
        if (ctx.s.charCodeAt(ctx.p + 3) === first)
          ctx.p++;
      }
      if (!state) {
        let s = ctx.s.slice(sliceStart, ctx.p);
        parsed = parsed ? parsed + s : s;
      }
      ctx.p += isMultiline ? 3 : 1;
      return parsed;
    } else if (!state) {
      if (!isLiteral && c === 92) {
        parsed += ctx.s.slice(sliceStart, sliceStart = ctx.p);
        state = 1;
      }
    } else if (state === 1) {
      if (c === 120 || c === 117 || c === 85) {
        let errPtr = ctx.p++ - 1;
        let value = 0;
        let len = c === 120 ? 2 : c === 117 ? 4 : 8;
        for (let j = 0; j < len; j++, ctx.p++) {
          let hex = ctx.s.charCodeAt(ctx.p);
          let digit = (
            /* 0-9 */
            hex >= 48 && hex <= 57 ? hex - 48 : (
              /* A-F */
              hex >= 65 && hex <= 70 ? hex - 65 + 10 : (
                /* a-f */
                hex >= 97 && hex <= 102 ? hex - 97 + 10 : -1
              )
            )
          );
          if (digit < 0)
            TomlError.x("invalid non-hex character in unicode escape", ctx);
          value = value << 4 | digit;
        }
        if (value < 0 || value > 1114111 || value >= 55296 && value <= 57343) {
          TomlError.x("invalid unicode escape", ctx, errPtr);
        }
        parsed += String.fromCodePoint(value);
        sliceStart = ctx.p--;
        state = 0;
      } else if (isMultiline && (c === 32 || c === 9)) {
        state = 2;
      } else {
        if (c === 98)
          parsed += "\b";
        else if (c === 116)
          parsed += "	";
        else if (c === 110)
          parsed += "\n";
        else if (c === 102)
          parsed += "\f";
        else if (c === 114)
          parsed += "\r";
        else if (c === 101)
          parsed += "\x1B";
        else if (c === 34)
          parsed += '"';
        else if (c === 92)
          parsed += "\\";
        else
          TomlError.x("unrecognised escape sequence", ctx);
        sliceStart = ctx.p + 1;
        state = 0;
      }
    } else if (c !== 32 && c !== 9) {
      if (state === 2)
        TomlError.x("invalid escape: only line-ending whitespace may be escaped", ctx, sliceStart);
      state = !isLiteral && c === 92 ? 1 : 0;
      sliceStart = ctx.p;
    }
  }
  TomlError.x("unfinished string", ctx, startPtr);
}

// node_modules/smol-toml/dist/date.js
var DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
var TomlDate = class _TomlDate extends Date {
  #hasDate = false;
  #hasTime = false;
  #offset = null;
  constructor(date, fasttype, unsafeDelim) {
    let hasDate = true;
    let hasTime = true;
    let offset = "Z";
    let c;
    if (typeof date === "string") {
      if (fasttype)
        prep: {
          if (fasttype < 3) {
            if (+date.slice(11, 13) > 23) {
              date = "";
              break prep;
            }
            if (fasttype === 2) {
              offset = null;
              date += "Z";
            } else if ((c = date.charCodeAt(date.length - 1)) !== 90 && c !== 122) {
              offset = date.slice(date.length - 6);
            }
            if (unsafeDelim)
              date = date.slice(0, 10) + "T" + date.slice(11);
          } else if (fasttype === 4) {
            date = +date.slice(0, 2) > 23 ? "" : `0000-01-01T${date}Z`;
          }
          hasDate = fasttype !== 4;
          hasTime = fasttype !== 3;
        }
      else {
        let match = date.match(DATE_TIME_RE);
        if (match) {
          if (!match[1]) {
            hasDate = false;
            date = `0000-01-01T${date}`;
          }
          hasTime = !!match[2];
          hasTime && date[10] === " " && (date = date.replace(" ", "T"));
          if (match[2] && +match[2] > 23) {
            date = "";
          } else {
            offset = match[3] || null;
            if (!offset && hasTime)
              date += "Z";
          }
        } else {
          date = "";
        }
      }
    }
    super(date);
    if (!isNaN(this.getTime())) {
      this.#hasDate = hasDate;
      this.#hasTime = hasTime;
      this.#offset = offset;
    }
  }
  isDateTime() {
    return this.#hasDate && this.#hasTime;
  }
  isLocal() {
    return !this.#hasDate || !this.#hasTime || !this.#offset;
  }
  isDate() {
    return this.#hasDate && !this.#hasTime;
  }
  isTime() {
    return this.#hasTime && !this.#hasDate;
  }
  isValid() {
    return this.#hasDate || this.#hasTime;
  }
  toISOString() {
    let iso = super.toISOString();
    if (this.isDate())
      return iso.slice(0, 10);
    if (this.isTime())
      return iso.slice(11, 23);
    if (this.#offset === null)
      return iso.slice(0, -1);
    if (this.#offset === "Z" || this.#offset === "z")
      return iso;
    let offset = +this.#offset.slice(1, 3) * 60 + +this.#offset.slice(4, 6);
    offset = this.#offset[0] === "-" ? offset : -offset;
    let offsetDate = new Date(this.getTime() - offset * 6e4);
    return offsetDate.toISOString().slice(0, -1) + this.#offset;
  }
  static wrapAsOffsetDateTime(jsDate, offset = "Z") {
    let date = new _TomlDate(jsDate);
    date.#offset = offset;
    return date;
  }
  static wrapAsLocalDateTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#offset = null;
    return date;
  }
  static wrapAsLocalDate(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasTime = false;
    date.#offset = null;
    return date;
  }
  static wrapAsLocalTime(jsDate) {
    let date = new _TomlDate(jsDate);
    date.#hasDate = false;
    date.#offset = null;
    return date;
  }
};

// node_modules/smol-toml/dist/extract.js
function isDigit(char, base = 10) {
  return base === 16 ? char > 47 && char < 58 || char > 64 && char < 71 || char > 96 && char < 103 : char > 47 && char < 48 + base;
}
function isEndOfValue(char, delim) {
  return char === 32 || char === 9 || char === 10 || char === 13 || // Structure end or next value delimiter
  delim && (char === delim || char === 44) || // Comment
  char === 35;
}
function extractValue(ctx, end) {
  let errPtr = ctx.p;
  let c = ctx.s.charCodeAt(ctx.p);
  if (c === 91 || c === 123) {
    ctx.d-- || TomlError.x("document contains excessively nested structures. aborting.", ctx);
    let value = c === 91 ? parseArray(ctx) : parseInlineTable(ctx);
    ctx.d++;
    return value;
  }
  if (c === 34 || c === 39) {
    return parseString(ctx);
  }
  if (c === 116) {
    if (ctx.s.charCodeAt(++ctx.p) !== 114 || ctx.s.charCodeAt(++ctx.p) !== 117 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, true;
  }
  if (c === 102) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 108 || ctx.s.charCodeAt(++ctx.p) !== 115 || ctx.s.charCodeAt(++ctx.p) !== 101)
      TomlError.x("invalid value", ctx, errPtr);
    return ctx.p++, false;
  }
  if (c === 43 || c === 45) {
    return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 44 - c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 4) === 45 && ctx.s.charCodeAt(ctx.p + 7) === 45) {
    return parseDate(ctx, c, end);
  }
  if (ctx.s.charCodeAt(ctx.p + 2) === 58) {
    return parseTime(ctx, c, end);
  }
  return parseNumber(ctx, ctx.p, c, 0, end);
}
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
  let c = startChr;
  let state = 0;
  let hasUnderscores = false;
  if (c === 105) {
    if (ctx.s.charCodeAt(++ctx.p) !== 110 || ctx.s.charCodeAt(++ctx.p) !== 102)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, (sign || 1) / 0;
  }
  if (c === 110) {
    if (ctx.s.charCodeAt(++ctx.p) !== 97 || ctx.s.charCodeAt(++ctx.p) !== 110)
      TomlError.x("invalid value", ctx, startPtr);
    return ctx.p++, NaN;
  }
  if (c === 48) {
    if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
      return ctx.bi === true ? 0n : 0;
    if (!sign) {
      if (c === 120)
        return parseIntegerBaseN(ctx, startPtr, 16, endChr);
      else if (c === 98)
        return parseIntegerBaseN(ctx, startPtr, 2, endChr);
      else if (c === 111)
        return parseIntegerBaseN(ctx, startPtr, 8, endChr);
    }
    if (c === 46)
      state = 2;
    else if (c === 101 || c === 69)
      state = 4;
    else
      TomlError.x("illegal leading zero", ctx, startPtr);
  } else if (!isDigit(c))
    TomlError.x("invalid value", ctx, startPtr);
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (!state)
      state = 1;
    if (c === 95) {
      if (!(state & 1))
        TomlError.x("illegal underscore", ctx);
      state += 11;
      hasUnderscores = true;
    } else if (state === 1 && c === 46)
      state = 2;
    else if ((state === 1 || state === 3) && (c === 101 || c === 69))
      state = 4;
    else if (state === 4 && (c === 43 || c === 45)) {
      state = 6;
    } else if (!isDigit(c))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (state > 9)
      state -= 11;
    else if (!(state & 1))
      state++;
  }
  if (!state) {
    let val = (startChr - 48) * (sign || 1);
    return ctx.bi === true ? BigInt(val) : val;
  }
  if (!(state & 1))
    TomlError.x("unfinished numeric value", ctx, startPtr);
  let str = ctx.s.slice(startPtr, ctx.p);
  if (hasUnderscores)
    str = str.replaceAll("_", "");
  return state > 1 ? parseFloat(str) : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
  let c, underscore = 1;
  while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
    if (c === 95) {
      if (underscore & 1)
        TomlError.x("illegal underscore", ctx);
      underscore = 3;
    } else if (!isDigit(c, base))
      TomlError.x(`illegal character in numeric literal`, ctx);
    else if (underscore & 1)
      underscore--;
  }
  if (underscore & 1)
    TomlError.x("unfinished numeric value", ctx);
  let str = ctx.s.slice(startPtr + 2, ctx.p);
  if (underscore)
    str = str.replaceAll("_", "");
  return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
  if (ctx.bi !== true)
    int: {
      let val = parseInt(str, base);
      if (!Number.isSafeInteger(val)) {
        if (ctx.bi)
          break int;
        TomlError.x("integer value cannot be represented losslessly", ctx, startPtr);
      }
      return val;
    }
  return base === 10 ? BigInt(str) : BigInt((base === 2 ? "0b" : base === 8 ? "0o" : "0x") + str);
}
function parseDate(ctx, c, endChr) {
  let startPtr = ctx.p++, unsafeSeparator;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++)) || !isDigit(ctx.s.charCodeAt(ctx.p++))) {
    return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
  }
  ctx.p += 5;
  if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
    TomlError.x("invalid date-time: date part is malformed", ctx, startPtr);
  if (ctx.p >= ctx.s.length || ((c = ctx.s.charCodeAt(ctx.p)) !== 32 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 84 && c !== 116) {
    let t2 = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t2, 3, false, startPtr);
  }
  if (ctx.s.charCodeAt(ctx.p += 3) !== 58)
    TomlError.x("invalid date-time: time part is malformed", ctx, startPtr);
  if (ctx.s.charCodeAt(ctx.p += 3) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  if (c = ctx.s.charCodeAt(ctx.p)) {
    if (c === 90 || c === 122) {
      let t2 = ctx.s.slice(startPtr, ++ctx.p);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, "[+00:00]");
    }
    if (c === 43 || c === 45) {
      let t2 = ctx.s.slice(startPtr, ctx.p += 6);
      return readDate(ctx, t2, 1, unsafeSeparator, startPtr, !ctx.ld && "[" + ctx.s.slice(ctx.p - 6, ctx.p) + "]");
    }
  }
  let t = ctx.s.slice(startPtr, ctx.p);
  return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
  let start = ctx.p;
  if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
    return parseNumber(ctx, --ctx.p, c, 0, endChr);
  }
  if (ctx.s.charCodeAt(ctx.p += 4) === 58)
    ctx.p += 3;
  if (ctx.s.charCodeAt(ctx.p) === 46)
    while (isDigit(ctx.s.charCodeAt(++ctx.p)))
      ;
  let t = ctx.s.slice(start, ctx.p);
  return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
  if (ctx.ld) {
    let date = new TomlDate(str, type, unsafeDelim);
    if (!date.isValid())
      TomlError.x("invalid date", ctx, errPtr);
    return date;
  }
  try {
    if (temporalSuffix)
      str += temporalSuffix;
    switch (type) {
      case 1:
        return Temporal.ZonedDateTime.from(str);
      case 2:
        return Temporal.PlainDateTime.from(str);
      case 3:
        return Temporal.PlainDate.from(str);
      case 4:
        return Temporal.PlainTime.from(str);
    }
  } catch (e) {
    TomlError.x(e instanceof Error ? e.message : "" + e, ctx, errPtr);
  }
}

// node_modules/smol-toml/dist/util.js
function skipComment(ctx) {
  for (; ctx.p < ctx.s.length; ctx.p++) {
    let c = ctx.s.charCodeAt(ctx.p);
    if (c === 10)
      break;
    if (c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10) {
      ctx.p++;
      break;
    }
    if (c < 32 && c !== 9 || c === 127) {
      TomlError.x("control characters are not allowed in comments", ctx);
    }
  }
}
function skipVoid(ctx, banNewLines, banComments) {
  let c;
  while (ctx.p < ctx.s.length) {
    while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 32 || c === 9 || !banNewLines && (c === 10 || c === 13 && ctx.s.charCodeAt(ctx.p + 1) === 10)))
      ctx.p++;
    if (banComments || c !== 35)
      break;
    skipComment(ctx);
  }
}

// node_modules/smol-toml/dist/struct.js
function parseKey(ctx, end = 61) {
  let startPtr;
  let state = 0;
  let parsed = [];
  let sliceStart;
  let c = ctx.s.charCodeAt(startPtr = ctx.p);
  do {
    if (c === end) {
      if (!state)
        TomlError.x("unexpected end of key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      return ctx.p++, parsed;
    } else if (c === 46) {
      if (!state)
        TomlError.x("illegal empty bare key", ctx);
      if (state === 1)
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
      state = 0;
    } else if (!state && (c === 34 || c === 39)) {
      if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
        TomlError.x("illegal quoted key: multiline strings are not allowed", ctx);
      parsed.push(parseString(ctx));
      state = 2;
      ctx.p--;
    } else if (c === 32 || c === 9) {
      if (state === 1) {
        parsed.push(ctx.s.slice(sliceStart, ctx.p));
        state = 2;
      }
    } else if (state === 2 || c < 48 && c !== 45 || c > 57 && c < 65 || c > 90 && c < 97 && c !== 95 || c > 122) {
      TomlError.x("illegal character in key", ctx);
    } else if (!state) {
      state = 1;
      sliceStart = ctx.p;
    }
  } while (c = ctx.s.charCodeAt(++ctx.p));
  TomlError.x("incomplete key-value: cannot find end of key", ctx, startPtr);
}
function parseInlineTable(ctx) {
  let startPtr = ctx.p++;
  let res = /* @__PURE__ */ Object.create(null);
  let seen = /* @__PURE__ */ new Set();
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 125) {
      ctx.p++;
      return res;
    }
    let k;
    let t = res;
    let hasOwn = false;
    let errPtr = ctx.p;
    let key = parseKey(ctx);
    for (let i = 0; i < key.length; i++) {
      if (i)
        t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      k = key[i];
      if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== "object" || seen.has(t[k]))) {
        TomlError.x("trying to redefine an already defined value", ctx, errPtr);
      }
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor")) {
        t = ctx.uk !== 1 && TomlError.x("document contains an unsafe property", ctx, errPtr);
        break;
      }
      if (!hasOwn && unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
      }
    }
    if (hasOwn) {
      TomlError.x("trying to redefine an already defined value", ctx, errPtr);
    }
    skipVoid(ctx, true, true);
    let value = extractValue(
      ctx,
      125
      /* } */
    );
    if (t && typeof (t[k] = value) === "object")
      seen.add(value);
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 125) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished table", ctx, startPtr);
}
function parseArray(ctx) {
  let startPtr = ctx.p++;
  let res = [];
  let c;
  while (ctx.p < ctx.s.length) {
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p)) === 93) {
      ctx.p++;
      return res;
    }
    res.push(extractValue(
      ctx,
      93
      /* ] */
    ));
    skipVoid(ctx);
    if ((c = ctx.s.charCodeAt(ctx.p++)) === 93) {
      return res;
    }
    if (c !== 44)
      TomlError.x("expected comma or end of structure", ctx, ctx.p - 1);
  }
  TomlError.x("unfinished array", ctx, startPtr);
}

// node_modules/smol-toml/dist/parse.js
function peekTable(ctx, key, table, meta, type) {
  let t = table;
  let m = meta;
  let k;
  let hasOwn = false;
  let state;
  for (let i = 0; i < key.length; i++) {
    if (i) {
      t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
      m = (state = m[k]).c;
      if (type === 0 && (state.t === 1 || state.t === 2)) {
        return null;
      }
      if (state.t === 2) {
        let l = t.length - 1;
        t = t[l];
        m = m[l].c;
      }
    }
    k = key[i];
    if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 && m[k]?.d) {
      return null;
    }
    if (!hasOwn) {
      let unsafe = k === "__proto__";
      if (ctx.uk && (unsafe || k === "constructor"))
        return false;
      if (unsafe) {
        Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
        Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
      }
      m[k] = {
        t: i < key.length - 1 && type === 2 ? 3 : type,
        d: false,
        i: 0,
        c: /* @__PURE__ */ Object.create(null)
      };
    }
  }
  state = m[k];
  if (state.t !== type && !(type === 1 && state.t === 3)) {
    return null;
  }
  if (type === 2) {
    if (!state.d) {
      state.d = true;
      t[k] = [];
    }
    t[k].push(t = /* @__PURE__ */ Object.create(null));
    state.c[state.i++] = state = { t: 1, d: false, i: 0, c: /* @__PURE__ */ Object.create(null) };
  }
  if (state.d) {
    return null;
  }
  state.d = true;
  if (type === 1) {
    t = hasOwn ? t[k] : t[k] = /* @__PURE__ */ Object.create(null);
  } else if (type === 0 && hasOwn) {
    return null;
  }
  return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
  if (peek === null || ctx.uk === 2)
    TomlError.x(peek === null ? "trying to redefine an already defined table or value" : "document contains an unsafe property", ctx, ptr);
}
function parse(toml, options = {}) {
  let ctx = {
    s: toml,
    p: 0,
    d: options.maxDepth ?? 1e3,
    bi: options.integersAsBigInt ?? false,
    ld: options.useLegacyDate ?? true,
    uk: options.unsafeKeyBehaviour === "throw" ? 2 : options.unsafeKeyBehaviour === "drop" ? 1 : 0
  };
  let res = /* @__PURE__ */ Object.create(null);
  let meta = /* @__PURE__ */ Object.create(null);
  let tmp;
  let skipping = false;
  let tbl = res;
  let m = meta;
  if (toml.charCodeAt(0) === 65279)
    ctx.p++;
  skipVoid(ctx);
  while (ctx.p < toml.length) {
    if (toml.charCodeAt(ctx.p) === 91) {
      let isTableArray = toml.charCodeAt(++ctx.p) === 91;
      tmp = ctx.p += +isTableArray;
      skipping = false;
      let k = parseKey(
        ctx,
        93
        /* ] */
      );
      if (isTableArray) {
        if (toml.charCodeAt(ctx.p) !== 93) {
          TomlError.x("expected end of table array declaration", ctx);
        }
        ctx.p++;
      }
      let p = peekTable(
        ctx,
        k,
        res,
        meta,
        isTableArray ? 2 : 1
        /* Type.EXPLICIT */
      );
      if (!p) {
        validateTablePeek(ctx, p, tmp);
        skipping = true;
      } else {
        m = p[2];
        tbl = p[1];
      }
    } else {
      tmp = ctx.p;
      let k = parseKey(ctx);
      let p = peekTable(
        ctx,
        k,
        tbl,
        m,
        0
        /* Type.DOTTED */
      );
      if (!p && !skipping)
        validateTablePeek(ctx, p, tmp);
      skipVoid(ctx, true, true);
      let v = extractValue(ctx, void 0);
      if (p && !skipping)
        p[1][p[0]] = v;
    }
    skipVoid(ctx, true);
    if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 10 && (tmp !== 13 || toml.charCodeAt(ctx.p + 1) !== 10)) {
      TomlError.x("each key-value declaration must be followed by an end-of-line", ctx);
    }
    skipVoid(ctx);
  }
  return res;
}

// node_modules/smol-toml/dist/stringify.js
var HAS_WELLFORMED = !!"".isWellFormed;

// src/formats/pyprojectConfig.ts
var CONFIG_KEYS = ["together"];
function parsePyprojectConfig(text, source) {
  const none = { together: [] };
  if (!text.includes("split-plan")) return none;
  let doc;
  try {
    doc = parse(text.charCodeAt(0) === 65279 ? text.slice(1) : text);
  } catch (e) {
    if (e instanceof TomlError) {
      const what = (e.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "");
      throw new InputError(`${source}: invalid TOML at line ${e.line}, column ${e.column}: ${what}`);
    }
    throw new InputError(`${source}: invalid TOML: ${e.message.split("\n")[0] ?? ""}`);
  }
  const tool = doc.tool;
  const table = tool !== null && typeof tool === "object" ? tool["split-plan"] : void 0;
  if (table === void 0) return none;
  if (table === null || typeof table !== "object" || Array.isArray(table)) throw new InputError(`${source}: [tool.split-plan] must be a table`);
  const entries = table;
  const unknown = Object.keys(entries).filter((k) => !CONFIG_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new InputError(`${source}: [tool.split-plan] has unknown key ${JSON.stringify(unknown[0])} (known: ${CONFIG_KEYS.join(", ")})`);
  }
  const together = entries.together ?? [];
  if (!Array.isArray(together) || !together.every((p) => typeof p === "string" && p.trim() !== "")) {
    throw new InputError(`${source}: [tool.split-plan] together must be a list of non-empty glob pattern strings`);
  }
  return { together };
}

// src/app/plan.ts
function chooseOverhead(req, loaded) {
  let base = loaded.learned ?? loaded.stored ?? DEFAULT_OVERHEAD;
  if (req.startupSeconds !== void 0 && base.source !== "junit") {
    const withoutStartup = base.source === "default" ? 0 : Math.max(0, base.fixedSeconds - DEFAULT_STARTUP_SECONDS);
    base = { ...base, fixedSeconds: req.startupSeconds + withoutStartup, ...base.source === "default" ? { source: "flag" } : {} };
  }
  if (req.fixedOverhead === void 0 && req.perFileOverhead === void 0) return base;
  return {
    fixedSeconds: req.fixedOverhead ?? (base.source === "default" ? req.startupSeconds ?? DEFAULT_STARTUP_SECONDS : base.fixedSeconds),
    perFileSeconds: req.perFileOverhead ?? base.perFileSeconds,
    source: "flag",
    samples: base.samples
  };
}
function chooseSetups(req, loaded) {
  const parallel = loaded.parallel;
  const cases = parallel && parallel.size > 0 ? loaded.cases.filter((c) => !parallel.has(c.report)) : loaded.cases;
  if (req.perFileOverhead !== void 0 || cases.length === 0) return void 0;
  const setups = learnSetups(runsOf(cases));
  return req.fixedOverhead !== void 0 ? { ...setups, sessionSeconds: 0 } : setups;
}
function chooseWorkerStart(req, loaded, overhead) {
  if (req.workers <= 1) return overhead;
  if (req.workerStartup !== void 0) return { ...overhead, workerStartSeconds: req.workerStartup };
  const startup = req.startupSeconds ?? DEFAULT_STARTUP_SECONDS;
  const samples = loaded.parallelSamples ?? [];
  const knowsPerFile = loaded.learned !== void 0 || loaded.stored !== void 0 || req.perFileOverhead !== void 0 || req.fixedOverhead !== void 0;
  const plain = knowsPerFile ? { perFileSeconds: overhead.perFileSeconds, inSessionSeconds: Math.max(0, overhead.fixedSeconds - startup) } : void 0;
  const learned = learnWorkerStart(samples, req.workers, plain);
  if (!learned) {
    const stored = loaded.storedWorkerStart;
    if (stored !== void 0 && stored.workers === req.workers) return { ...overhead, workerStartSeconds: stored.workerStartSeconds };
    return { ...overhead, workerStartSeconds: defaultWorkerStartSeconds(startup) };
  }
  if (plain === void 0 && learned.perFileSeconds !== void 0) {
    return {
      fixedSeconds: startup,
      perFileSeconds: learned.perFileSeconds,
      source: "junit",
      samples: learned.samples,
      workerStartSeconds: learned.workerStartSeconds
    };
  }
  const perFile = learned.perFileSeconds !== void 0 && req.perFileOverhead === void 0 ? { perFileSeconds: learned.perFileSeconds } : {};
  return { ...overhead, ...perFile, workerStartSeconds: learned.workerStartSeconds };
}
function withStartup(overhead, req) {
  if (req.fixedOverhead !== void 0 || overhead.source === "default") return overhead;
  return { ...overhead, startupSeconds: Math.min(overhead.fixedSeconds, req.startupSeconds ?? DEFAULT_STARTUP_SECONDS) };
}
async function prepareSuite(req) {
  const loaded = await loadTimings({ ...req, junitRequired: false });
  const rootdir = resolve5(req.cwd, req.rootdir);
  const discoveredFiles = req.discover ? discoverTestFiles(rootdir, req.words.option("rootdir")) : void 0;
  let suite = buildSuite({
    timings: loaded.timings,
    ...loaded.collected ? { collected: loaded.collected } : {},
    ...discoveredFiles ? { discoveredFiles } : {},
    ...loaded.unmeasured ? { unmeasured: loaded.unmeasured } : {}
  });
  if (discoveredFiles) {
    const named = suiteFiles(suite);
    const missing = named.filter((f) => !isFileUnder(rootdir, f));
    if (named.length > 0 && missing.length === named.length) suite = { ...suite, unknownFiles: [] };
    else suite = withoutFiles(suite, new Set(missing));
  }
  const together = togetherPatterns(rootdir, req.together ?? []);
  for (const p of together) compilePattern(p, req.words.option("together"));
  const options = {
    ...together.length > 0 ? { together } : {},
    granularity: req.granularity,
    algorithm: req.algorithm,
    workers: req.workers,
    overhead: withStartup(chooseWorkerStart(req, loaded, chooseOverhead(req, loaded)), req),
    ...setupsOption(chooseSetups(req, loaded))
  };
  return { loaded, suite, options };
}
function togetherPatterns(rootdir, given) {
  const path = join2(rootdir, "pyproject.toml");
  const fromFile = isFileUnder(rootdir, "pyproject.toml") ? parsePyprojectConfig(readText(path, "pyproject.toml"), path).together : [];
  return [.../* @__PURE__ */ new Set([...fromFile, ...given])];
}
async function planFromRequest(req) {
  const { loaded, suite, options } = await prepareSuite(req);
  const plan = buildPlan(suite, { ...options, splits: req.splits });
  return { plan, loaded, suite, ...setupsOption(options.setups) };
}
function setupsOption(setups) {
  return setups ? { setups } : {};
}

// src/core/ciGroup.ts
var EXPLICIT_SOURCE = { name: "split-plan", indexVar: "SPLIT_PLAN_GROUP", totalVar: "SPLIT_PLAN_SPLITS", base: 1 };
var CI_SOURCES = [
  {
    name: "GitLab",
    marker: "GITLAB_CI",
    indexVar: "CI_NODE_INDEX",
    totalVar: "CI_NODE_TOTAL",
    base: 1,
    hint: "GitLab sets it only in jobs with `parallel: N`"
  },
  {
    name: "CircleCI",
    marker: "CIRCLECI",
    indexVar: "CIRCLE_NODE_INDEX",
    totalVar: "CIRCLE_NODE_TOTAL",
    base: 0,
    hint: "CircleCI sets it in every job; give the job `parallelism: N`"
  },
  {
    name: "Buildkite",
    marker: "BUILDKITE",
    indexVar: "BUILDKITE_PARALLEL_JOB",
    totalVar: "BUILDKITE_PARALLEL_JOB_COUNT",
    base: 0,
    hint: "Buildkite sets it only in steps with `parallelism: N`"
  }
];
var GITHUB_MARKER = "GITHUB_ACTIONS";
var isSet = (env, name) => env[name] !== void 0 && env[name] !== "";
var isExplicit = (source) => source === EXPLICIT_SOURCE;
function detectCiGroup(env, maxSplits) {
  const chosen = chooseSource(env);
  return "code" in chosen ? { ok: false, problem: chosen } : readPair(env, chosen, maxSplits);
}
function chooseSource(env) {
  if (isSet(env, EXPLICIT_SOURCE.indexVar) || isSet(env, EXPLICIT_SOURCE.totalVar)) return EXPLICIT_SOURCE;
  const marked = CI_SOURCES.filter((s) => s.marker !== void 0 && env[s.marker] === "true");
  if (marked.length === 1) return marked[0];
  const withVars = CI_SOURCES.filter((s) => isSet(env, s.indexVar) || isSet(env, s.totalVar));
  const candidates = marked.length > 1 ? marked : withVars;
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) return { code: "several-cis", sources: candidates.map((s) => s.name), explicit: EXPLICIT_SOURCE };
  if (env[GITHUB_MARKER] === "true") return { code: "github-needs-pair", explicit: EXPLICIT_SOURCE };
  return { code: "no-ci", explicit: EXPLICIT_SOURCE, sources: CI_SOURCES };
}
function readPair(env, source, maxSplits) {
  const total = readInt(env, source, source.totalVar, 1, maxSplits, { kind: "total" });
  if (typeof total !== "number") return { ok: false, problem: total };
  const first = source.base;
  const last = total - 1 + source.base;
  const index = readInt(env, source, source.indexVar, first, last, { kind: "index", base: source.base, totalVar: source.totalVar, total });
  if (typeof index !== "number") return { ok: false, problem: index };
  return { ok: true, ci: { group: index - source.base + 1, splits: total, source } };
}
function readInt(env, source, variable, min, max, role) {
  const raw = env[variable];
  if (raw === void 0 || raw === "") return { code: "unset", variable, source, role };
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) return { code: "out-of-range", variable, source, role, min, max, raw };
  return n;
}
function splitsFromCi(ci, splits) {
  if (splits !== void 0 && splits !== ci.splits) return { code: "splits-disagree", splits, ci };
  return ci.splits;
}

// src/render/ciGroup.ts
function where(source) {
  return isExplicit(source) ? "" : ` (${source.name})`;
}
function holds(role) {
  return role.kind === "total" ? "the number of parallel jobs" : `this job's ${role.base}-based index among ${role.totalVar}=${role.total}`;
}
function either(items) {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1) ?? ""}`;
}
function describeCiProblem(p, words) {
  const head = `${words.setting("group", "auto")}: `;
  switch (p.code) {
    case "several-cis":
      return `${head}variables of several CIs are set (${p.sources.join(", ")}); set ${p.explicit.indexVar} and ${p.explicit.totalVar} to say which shard this is`;
    case "github-needs-pair":
      return `${head}GitHub Actions has no matrix index variable; set ${p.explicit.indexVar}: \${{ matrix.group }} and ${p.explicit.totalVar}: \${{ matrix.splits }} in the step's env`;
    case "no-ci":
      return `${head}no CI shard variables found; set ${p.explicit.indexVar} and ${p.explicit.totalVar}, or run in a parallel ${either(p.sources.map((s) => `${s.name} (${s.indexVar})`))} job`;
    case "unset":
      return `${head}${p.variable}${where(p.source)} is not set; it must hold ${holds(p.role)}${p.source.hint ? ` (${p.source.hint})` : ""}`;
    case "out-of-range":
      return `${head}${p.variable}${where(p.source)} must be an integer from ${p.min} to ${p.max} (${holds(p.role)}), got ${JSON.stringify(p.raw)}`;
  }
}
function describeSplitsConflict(c, words) {
  const splits = words.option("splits");
  return `${words.setting("splits", String(c.splits))} disagrees with ${c.ci.source.totalVar}=${c.ci.splits}${where(c.ci.source)}: drop ${splits} or make the two match`;
}

// src/app/ciGroup.ts
function ciGroupFromEnv(env, maxSplits, words) {
  const found = detectCiGroup(env, maxSplits);
  if (!found.ok) throw new UsageError(describeCiProblem(found.problem, words));
  return found.ci;
}
function splitsOfCi(ci, splits, words) {
  const n = splitsFromCi(ci, splits);
  if (typeof n !== "number") throw new UsageError(describeSplitsConflict(n, words));
  return n;
}

// src/app/resolvePlan.ts
function parseChooseOptions(values, words) {
  const given = [];
  if (values.targetSeconds !== void 0) given.push(words.option("target-seconds"));
  if (values.jobOverhead !== void 0) given.push(words.option("job-overhead"));
  if (values.maxSplits !== void 0) given.push(words.option("max-splits"));
  const settings = {
    jobOverheadSeconds: values.jobOverhead === void 0 ? DEFAULT_JOB_OVERHEAD_SECONDS : parseSeconds(words.option("job-overhead"), values.jobOverhead),
    maxSplits: values.maxSplits === void 0 ? MAX_SPLITS : parseIntFlag(words.option("max-splits"), values.maxSplits, 1, MAX_SPLITS)
  };
  if (values.targetSeconds !== void 0) settings.targetSeconds = parseSeconds(words.option("target-seconds"), values.targetSeconds);
  return { settings, given };
}
async function resolvePlan(req) {
  const { settings, choose, words, cwd } = req;
  const autoSplits = settings.splits === AUTO;
  if (!autoSplits && choose.given.length > 0) throw new UsageError(`${choose.given[0]} only applies with ${words.setting("splits", AUTO)}`);
  if (req.groupAuto === true) {
    const ci = ciGroupFromEnv(req.env ?? {}, MAX_SPLITS, words);
    if (autoSplits) {
      throw new UsageError(
        `${words.setting("splits", AUTO)} cannot be combined with ${words.setting("group", AUTO)}: ${ci.source.totalVar} already fixes the number of shards`
      );
    }
    const splits = splitsOfCi(ci, settings.splits === AUTO ? void 0 : settings.splits, words);
    return { ...await planFromRequest(planRequestOf(settings, cwd, splits, words)), ci };
  }
  if (settings.splits === void 0) throw req.missingSplits();
  if (settings.splits !== AUTO) return planFromRequest(planRequestOf(settings, cwd, settings.splits, words));
  const { suite, options } = await prepareSuite(planRequestOf(settings, cwd, 1, words));
  const recommendation = recommend(suite, { plan: options, ...choose.settings });
  return { plan: recommendation.plan, suite, recommendation, ...options.setups ? { setups: options.setups } : {} };
}

// src/render/lists.ts
function andMore(more) {
  return `and ${more} more`;
}
function firstOf2(items, limit) {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}
function listSome(items, limit) {
  const { shown: shown2, more } = firstOf2(items, limit);
  if (more === 0) return shown2.join(", ");
  return shown2.length > 0 ? `${shown2.join(", ")} ${andMore(more)}` : andMore(more);
}
function boundedLines(items, limit, line, show) {
  const { shown: shown2, more } = firstOf2(items, limit);
  const out = shown2.map((x) => line(show(x)));
  if (more > 0) out.push(line(andMore(more)));
  return out;
}

// src/render/warnings.ts
var WARNING_LIST_LIMIT = 5;
var some = (names) => listSome(names, WARNING_LIST_LIMIT);
function describeWarning(w, words) {
  switch (w.code) {
    case "empty-shards":
      return `only ${w.units} schedulable unit(s) for ${w.splits} shards: group(s) ${w.groups.join(", ")} have no tests; use fewer splits`;
    case "estimated-tests":
      return `${w.tests} test(s) have no timing and were estimated from their neighbours`;
    case "stale-entries":
      return `${w.ids.length} timing entr${w.ids.length === 1 ? "y is" : "ies are"} for tests that were not collected and were ignored: ${some(w.ids)}`;
    case "missing-files":
      return `${w.files.length} ${w.collected ? "collected" : "timed"} file(s) no longer exist under the rootdir; their ${w.tests} test(s) were left out: ${some(w.files)}`;
    case "unmatched-together":
      return `${words.option("together")} pattern(s) matched no test: ${some(w.patterns.map((p) => JSON.stringify(p)))}`;
    case "untimed-files":
      return `${w.files.length} test file(s) on disk have no timing and are planned whole: ${some(w.files)}`;
    case "worded":
      return w.text;
  }
}
function describeWarnings(plan, words) {
  return plan.warnings.map((w) => describeWarning(w, words));
}
function describeWith(words) {
  return (w) => describeWarning(w, words);
}

// src/render/summary.ts
function fmt2(x) {
  return x.toFixed(2);
}
function pad(s, n, left = false) {
  return left ? s.padEnd(n) : s.padStart(n);
}
function describeOverhead(plan) {
  const o = plan.overhead;
  const workers = plan.workers > 1 && o.workerStartSeconds !== void 0 ? `; ${fmt2(o.workerStartSeconds)} s per shard to start its ${plan.workers} pytest-xdist workers` : "";
  return overheadSource(o) + workers;
}
function overheadSource(o) {
  switch (o.source) {
    case "default":
      return "no overhead measured: planned on test time alone (give JUnit reports to learn start-up and per-file cost)";
    case "junit":
      return `overhead learned from ${o.samples} JUnit report(s): ${fmt2(o.fixedSeconds)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file`;
    case "stored":
      return `overhead stored by refresh (${o.samples} sample(s)): ${fmt2(o.fixedSeconds)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file`;
    case "flag":
      return `overhead from flags: ${fmt2(o.fixedSeconds)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file`;
  }
}
function formatSummary(plan, words) {
  const lines = [];
  lines.push(
    `split-plan: ${plan.tests} tests (${plan.estimatedTests} estimated) in ${plan.splits} shards, granularity ${plan.granularity}, algorithm ${plan.algorithm}${plan.workers > 1 ? `, ${plan.workers} workers each` : ""}`
  );
  lines.push(`${pad("group", 6)} ${pad("tests", 8)} ${pad("files", 6)} ${pad("predicted s", 12)} ${pad("overhead s", 11)} ${pad("estimated", 10)}`);
  for (const s of plan.shards) {
    lines.push(
      `${pad(String(s.group), 6)} ${pad(String(s.tests.length), 8)} ${pad(String(s.files), 6)} ${pad(fmt2(s.predictedSeconds), 12)} ${pad(fmt2(s.overheadSeconds), 11)} ${pad(String(s.estimated), 10)}`
    );
  }
  const pct2 = (plan.imbalance * 100).toFixed(2);
  lines.push(
    `total ${fmt2(plan.totalSeconds)} s of tests; slowest shard ${fmt2(plan.makespanSeconds)} s, lower bound ${fmt2(plan.lowerBoundSeconds)} s (+${pct2}%)`
  );
  lines.push(describeOverhead(plan));
  for (const w of describeWarnings(plan, words)) lines.push(`warning: ${w}`);
  return lines.map(oneLine).join("\n") + "\n";
}

// src/formats/matrix.ts
function planMatrix(plan) {
  return {
    include: plan.shards.filter((s) => s.tests.length > 0).map((s) => ({ group: s.group, splits: plan.splits }))
  };
}
var MAX_MATRIX_BYTES = 1024 * 1024;
function formatMatrix(plan) {
  const text = JSON.stringify(planMatrix(plan));
  if (text.length > MAX_MATRIX_BYTES) {
    throw new InputError(`the matrix for ${plan.splits} shards is ${Math.ceil(text.length / 1024)} KiB, over GitHub's 1 MiB limit for a job's outputs`);
  }
  return text;
}

// src/formats/planValidator.ts
var pattern0 = new RegExp("^split-plan-together-[1-9][0-9]*$", "u");
function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) {
  let vErrors = null;
  let errors = 0;
  if (errors === 0) {
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing0;
      if (data.version === void 0 && (missing0 = "version") || data.splits === void 0 && (missing0 = "splits") || data.shards === void 0 && (missing0 = "shards") || data.totalSeconds === void 0 && (missing0 = "totalSeconds") || data.makespanSeconds === void 0 && (missing0 = "makespanSeconds") || data.lowerBoundSeconds === void 0 && (missing0 = "lowerBoundSeconds")) {
        validate10.errors = [{ instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: missing0 }, message: "must have required property '" + missing0 + "'" }];
        return false;
      } else {
        if (data.version !== void 0) {
          const _errs1 = errors;
          if (1 !== data.version) {
            validate10.errors = [{ instancePath: instancePath + "/version", schemaPath: "#/properties/version/const", keyword: "const", params: { allowedValue: 1 }, message: "must be equal to constant" }];
            return false;
          }
          var valid0 = _errs1 === errors;
        } else {
          var valid0 = true;
        }
        if (valid0) {
          if (data.splits !== void 0) {
            let data1 = data.splits;
            const _errs2 = errors;
            if (!(typeof data1 == "number" && (!(data1 % 1) && !isNaN(data1)) && isFinite(data1))) {
              validate10.errors = [{ instancePath: instancePath + "/splits", schemaPath: "#/properties/splits/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
              return false;
            }
            if (errors === _errs2) {
              if (typeof data1 == "number" && isFinite(data1)) {
                if (data1 > 256 || isNaN(data1)) {
                  validate10.errors = [{ instancePath: instancePath + "/splits", schemaPath: "#/properties/splits/maximum", keyword: "maximum", params: { comparison: "<=", limit: 256 }, message: "must be <= 256" }];
                  return false;
                } else {
                  if (data1 < 1 || isNaN(data1)) {
                    validate10.errors = [{ instancePath: instancePath + "/splits", schemaPath: "#/properties/splits/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" }];
                    return false;
                  }
                }
              }
            }
            var valid0 = _errs2 === errors;
          } else {
            var valid0 = true;
          }
          if (valid0) {
            if (data.totalSeconds !== void 0) {
              let data2 = data.totalSeconds;
              const _errs4 = errors;
              if (!(typeof data2 == "number" && isFinite(data2))) {
                validate10.errors = [{ instancePath: instancePath + "/totalSeconds", schemaPath: "#/properties/totalSeconds/type", keyword: "type", params: { type: "number" }, message: "must be number" }];
                return false;
              }
              var valid0 = _errs4 === errors;
            } else {
              var valid0 = true;
            }
            if (valid0) {
              if (data.makespanSeconds !== void 0) {
                let data3 = data.makespanSeconds;
                const _errs6 = errors;
                if (!(typeof data3 == "number" && isFinite(data3))) {
                  validate10.errors = [{ instancePath: instancePath + "/makespanSeconds", schemaPath: "#/properties/makespanSeconds/type", keyword: "type", params: { type: "number" }, message: "must be number" }];
                  return false;
                }
                var valid0 = _errs6 === errors;
              } else {
                var valid0 = true;
              }
              if (valid0) {
                if (data.lowerBoundSeconds !== void 0) {
                  let data4 = data.lowerBoundSeconds;
                  const _errs8 = errors;
                  if (!(typeof data4 == "number" && isFinite(data4))) {
                    validate10.errors = [{ instancePath: instancePath + "/lowerBoundSeconds", schemaPath: "#/properties/lowerBoundSeconds/type", keyword: "type", params: { type: "number" }, message: "must be number" }];
                    return false;
                  }
                  var valid0 = _errs8 === errors;
                } else {
                  var valid0 = true;
                }
                if (valid0) {
                  if (data.cutFiles !== void 0) {
                    let data5 = data.cutFiles;
                    const _errs10 = errors;
                    if (errors === _errs10) {
                      if (Array.isArray(data5)) {
                        var valid1 = true;
                        const len0 = data5.length;
                        for (let i0 = 0; i0 < len0; i0++) {
                          let data6 = data5[i0];
                          const _errs12 = errors;
                          if (errors === _errs12) {
                            if (data6 && typeof data6 == "object" && !Array.isArray(data6)) {
                              let missing1;
                              if (data6.file === void 0 && (missing1 = "file") || data6.owner === void 0 && (missing1 = "owner") || data6.groups === void 0 && (missing1 = "groups")) {
                                validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0, schemaPath: "#/properties/cutFiles/items/required", keyword: "required", params: { missingProperty: missing1 }, message: "must have required property '" + missing1 + "'" }];
                                return false;
                              } else {
                                if (data6.file !== void 0) {
                                  const _errs14 = errors;
                                  if (typeof data6.file !== "string") {
                                    validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0 + "/file", schemaPath: "#/properties/cutFiles/items/properties/file/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                    return false;
                                  }
                                  var valid2 = _errs14 === errors;
                                } else {
                                  var valid2 = true;
                                }
                                if (valid2) {
                                  if (data6.owner !== void 0) {
                                    let data8 = data6.owner;
                                    const _errs16 = errors;
                                    if (!(typeof data8 == "number" && (!(data8 % 1) && !isNaN(data8)) && isFinite(data8))) {
                                      validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0 + "/owner", schemaPath: "#/properties/cutFiles/items/properties/owner/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                      return false;
                                    }
                                    if (errors === _errs16) {
                                      if (typeof data8 == "number" && isFinite(data8)) {
                                        if (data8 < 1 || isNaN(data8)) {
                                          validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0 + "/owner", schemaPath: "#/properties/cutFiles/items/properties/owner/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" }];
                                          return false;
                                        }
                                      }
                                    }
                                    var valid2 = _errs16 === errors;
                                  } else {
                                    var valid2 = true;
                                  }
                                  if (valid2) {
                                    if (data6.groups !== void 0) {
                                      let data9 = data6.groups;
                                      const _errs18 = errors;
                                      if (errors === _errs18) {
                                        if (Array.isArray(data9)) {
                                          if (data9.length < 2) {
                                            validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0 + "/groups", schemaPath: "#/properties/cutFiles/items/properties/groups/minItems", keyword: "minItems", params: { limit: 2 }, message: "must NOT have fewer than 2 items" }];
                                            return false;
                                          } else {
                                            var valid3 = true;
                                            const len1 = data9.length;
                                            for (let i1 = 0; i1 < len1; i1++) {
                                              let data10 = data9[i1];
                                              const _errs20 = errors;
                                              if (!(typeof data10 == "number" && (!(data10 % 1) && !isNaN(data10)) && isFinite(data10))) {
                                                validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0 + "/groups/" + i1, schemaPath: "#/properties/cutFiles/items/properties/groups/items/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                                return false;
                                              }
                                              if (errors === _errs20) {
                                                if (typeof data10 == "number" && isFinite(data10)) {
                                                  if (data10 < 1 || isNaN(data10)) {
                                                    validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0 + "/groups/" + i1, schemaPath: "#/properties/cutFiles/items/properties/groups/items/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" }];
                                                    return false;
                                                  }
                                                }
                                              }
                                              var valid3 = _errs20 === errors;
                                              if (!valid3) {
                                                break;
                                              }
                                            }
                                          }
                                        } else {
                                          validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0 + "/groups", schemaPath: "#/properties/cutFiles/items/properties/groups/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                                          return false;
                                        }
                                      }
                                      var valid2 = _errs18 === errors;
                                    } else {
                                      var valid2 = true;
                                    }
                                  }
                                }
                              }
                            } else {
                              validate10.errors = [{ instancePath: instancePath + "/cutFiles/" + i0, schemaPath: "#/properties/cutFiles/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                              return false;
                            }
                          }
                          var valid1 = _errs12 === errors;
                          if (!valid1) {
                            break;
                          }
                        }
                      } else {
                        validate10.errors = [{ instancePath: instancePath + "/cutFiles", schemaPath: "#/properties/cutFiles/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                        return false;
                      }
                    }
                    var valid0 = _errs10 === errors;
                  } else {
                    var valid0 = true;
                  }
                  if (valid0) {
                    if (data.together !== void 0) {
                      let data11 = data.together;
                      const _errs22 = errors;
                      if (errors === _errs22) {
                        if (Array.isArray(data11)) {
                          var valid4 = true;
                          const len2 = data11.length;
                          for (let i2 = 0; i2 < len2; i2++) {
                            let data12 = data11[i2];
                            const _errs24 = errors;
                            if (errors === _errs24) {
                              if (data12 && typeof data12 == "object" && !Array.isArray(data12)) {
                                let missing2;
                                if (data12.pattern === void 0 && (missing2 = "pattern") || data12.group === void 0 && (missing2 = "group") || data12.name === void 0 && (missing2 = "name") || data12.files === void 0 && (missing2 = "files") || data12.tests === void 0 && (missing2 = "tests")) {
                                  validate10.errors = [{ instancePath: instancePath + "/together/" + i2, schemaPath: "#/properties/together/items/required", keyword: "required", params: { missingProperty: missing2 }, message: "must have required property '" + missing2 + "'" }];
                                  return false;
                                } else {
                                  if (data12.pattern !== void 0) {
                                    const _errs26 = errors;
                                    if (typeof data12.pattern !== "string") {
                                      validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/pattern", schemaPath: "#/properties/together/items/properties/pattern/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                      return false;
                                    }
                                    var valid5 = _errs26 === errors;
                                  } else {
                                    var valid5 = true;
                                  }
                                  if (valid5) {
                                    if (data12.group !== void 0) {
                                      let data14 = data12.group;
                                      const _errs28 = errors;
                                      if (!(typeof data14 == "number" && (!(data14 % 1) && !isNaN(data14)) && isFinite(data14))) {
                                        validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/group", schemaPath: "#/properties/together/items/properties/group/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                        return false;
                                      }
                                      if (errors === _errs28) {
                                        if (typeof data14 == "number" && isFinite(data14)) {
                                          if (data14 < 0 || isNaN(data14)) {
                                            validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/group", schemaPath: "#/properties/together/items/properties/group/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                                            return false;
                                          }
                                        }
                                      }
                                      var valid5 = _errs28 === errors;
                                    } else {
                                      var valid5 = true;
                                    }
                                    if (valid5) {
                                      if (data12.name !== void 0) {
                                        let data15 = data12.name;
                                        const _errs30 = errors;
                                        if (errors === _errs30) {
                                          if (typeof data15 === "string") {
                                            if (!pattern0.test(data15)) {
                                              validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/name", schemaPath: "#/properties/together/items/properties/name/pattern", keyword: "pattern", params: { pattern: "^split-plan-together-[1-9][0-9]*$" }, message: 'must match pattern "^split-plan-together-[1-9][0-9]*$"' }];
                                              return false;
                                            }
                                          } else {
                                            validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/name", schemaPath: "#/properties/together/items/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                            return false;
                                          }
                                        }
                                        var valid5 = _errs30 === errors;
                                      } else {
                                        var valid5 = true;
                                      }
                                      if (valid5) {
                                        if (data12.files !== void 0) {
                                          let data16 = data12.files;
                                          const _errs32 = errors;
                                          if (errors === _errs32) {
                                            if (Array.isArray(data16)) {
                                              var valid6 = true;
                                              const len3 = data16.length;
                                              for (let i3 = 0; i3 < len3; i3++) {
                                                const _errs34 = errors;
                                                if (typeof data16[i3] !== "string") {
                                                  validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/files/" + i3, schemaPath: "#/properties/together/items/properties/files/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                                  return false;
                                                }
                                                var valid6 = _errs34 === errors;
                                                if (!valid6) {
                                                  break;
                                                }
                                              }
                                            } else {
                                              validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/files", schemaPath: "#/properties/together/items/properties/files/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                                              return false;
                                            }
                                          }
                                          var valid5 = _errs32 === errors;
                                        } else {
                                          var valid5 = true;
                                        }
                                        if (valid5) {
                                          if (data12.tests !== void 0) {
                                            let data18 = data12.tests;
                                            const _errs36 = errors;
                                            if (errors === _errs36) {
                                              if (Array.isArray(data18)) {
                                                var valid7 = true;
                                                const len4 = data18.length;
                                                for (let i4 = 0; i4 < len4; i4++) {
                                                  const _errs38 = errors;
                                                  if (typeof data18[i4] !== "string") {
                                                    validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/tests/" + i4, schemaPath: "#/properties/together/items/properties/tests/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                                    return false;
                                                  }
                                                  var valid7 = _errs38 === errors;
                                                  if (!valid7) {
                                                    break;
                                                  }
                                                }
                                              } else {
                                                validate10.errors = [{ instancePath: instancePath + "/together/" + i2 + "/tests", schemaPath: "#/properties/together/items/properties/tests/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                                                return false;
                                              }
                                            }
                                            var valid5 = _errs36 === errors;
                                          } else {
                                            var valid5 = true;
                                          }
                                        }
                                      }
                                    }
                                  }
                                }
                              } else {
                                validate10.errors = [{ instancePath: instancePath + "/together/" + i2, schemaPath: "#/properties/together/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                                return false;
                              }
                            }
                            var valid4 = _errs24 === errors;
                            if (!valid4) {
                              break;
                            }
                          }
                        } else {
                          validate10.errors = [{ instancePath: instancePath + "/together", schemaPath: "#/properties/together/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                          return false;
                        }
                      }
                      var valid0 = _errs22 === errors;
                    } else {
                      var valid0 = true;
                    }
                    if (valid0) {
                      if (data.shards !== void 0) {
                        let data20 = data.shards;
                        const _errs40 = errors;
                        if (errors === _errs40) {
                          if (Array.isArray(data20)) {
                            var valid8 = true;
                            const len5 = data20.length;
                            for (let i5 = 0; i5 < len5; i5++) {
                              let data21 = data20[i5];
                              const _errs42 = errors;
                              if (errors === _errs42) {
                                if (data21 && typeof data21 == "object" && !Array.isArray(data21)) {
                                  let missing3;
                                  if (data21.group === void 0 && (missing3 = "group") || data21.predictedSeconds === void 0 && (missing3 = "predictedSeconds") || data21.selectors === void 0 && (missing3 = "selectors") || data21.tests === void 0 && (missing3 = "tests") || data21.estimated === void 0 && (missing3 = "estimated")) {
                                    validate10.errors = [{ instancePath: instancePath + "/shards/" + i5, schemaPath: "#/properties/shards/items/required", keyword: "required", params: { missingProperty: missing3 }, message: "must have required property '" + missing3 + "'" }];
                                    return false;
                                  } else {
                                    if (data21.group !== void 0) {
                                      let data22 = data21.group;
                                      const _errs44 = errors;
                                      if (!(typeof data22 == "number" && (!(data22 % 1) && !isNaN(data22)) && isFinite(data22))) {
                                        validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/group", schemaPath: "#/properties/shards/items/properties/group/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                        return false;
                                      }
                                      if (errors === _errs44) {
                                        if (typeof data22 == "number" && isFinite(data22)) {
                                          if (data22 < 1 || isNaN(data22)) {
                                            validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/group", schemaPath: "#/properties/shards/items/properties/group/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" }];
                                            return false;
                                          }
                                        }
                                      }
                                      var valid9 = _errs44 === errors;
                                    } else {
                                      var valid9 = true;
                                    }
                                    if (valid9) {
                                      if (data21.predictedSeconds !== void 0) {
                                        let data23 = data21.predictedSeconds;
                                        const _errs46 = errors;
                                        if (errors === _errs46) {
                                          if (typeof data23 == "number" && isFinite(data23)) {
                                            if (data23 < 0 || isNaN(data23)) {
                                              validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/predictedSeconds", schemaPath: "#/properties/shards/items/properties/predictedSeconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                                              return false;
                                            }
                                          } else {
                                            validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/predictedSeconds", schemaPath: "#/properties/shards/items/properties/predictedSeconds/type", keyword: "type", params: { type: "number" }, message: "must be number" }];
                                            return false;
                                          }
                                        }
                                        var valid9 = _errs46 === errors;
                                      } else {
                                        var valid9 = true;
                                      }
                                      if (valid9) {
                                        if (data21.pluginDir !== void 0) {
                                          const _errs48 = errors;
                                          if (typeof data21.pluginDir !== "string") {
                                            validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/pluginDir", schemaPath: "#/properties/shards/items/properties/pluginDir/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                            return false;
                                          }
                                          var valid9 = _errs48 === errors;
                                        } else {
                                          var valid9 = true;
                                        }
                                        if (valid9) {
                                          if (data21.selectors !== void 0) {
                                            let data25 = data21.selectors;
                                            const _errs50 = errors;
                                            if (errors === _errs50) {
                                              if (Array.isArray(data25)) {
                                                var valid10 = true;
                                                const len6 = data25.length;
                                                for (let i6 = 0; i6 < len6; i6++) {
                                                  const _errs52 = errors;
                                                  if (typeof data25[i6] !== "string") {
                                                    validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/selectors/" + i6, schemaPath: "#/properties/shards/items/properties/selectors/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                                    return false;
                                                  }
                                                  var valid10 = _errs52 === errors;
                                                  if (!valid10) {
                                                    break;
                                                  }
                                                }
                                              } else {
                                                validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/selectors", schemaPath: "#/properties/shards/items/properties/selectors/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                                                return false;
                                              }
                                            }
                                            var valid9 = _errs50 === errors;
                                          } else {
                                            var valid9 = true;
                                          }
                                          if (valid9) {
                                            if (data21.tests !== void 0) {
                                              let data27 = data21.tests;
                                              const _errs54 = errors;
                                              if (errors === _errs54) {
                                                if (Array.isArray(data27)) {
                                                  var valid11 = true;
                                                  const len7 = data27.length;
                                                  for (let i7 = 0; i7 < len7; i7++) {
                                                    const _errs56 = errors;
                                                    if (typeof data27[i7] !== "string") {
                                                      validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/tests/" + i7, schemaPath: "#/properties/shards/items/properties/tests/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                                      return false;
                                                    }
                                                    var valid11 = _errs56 === errors;
                                                    if (!valid11) {
                                                      break;
                                                    }
                                                  }
                                                } else {
                                                  validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/tests", schemaPath: "#/properties/shards/items/properties/tests/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                                                  return false;
                                                }
                                              }
                                              var valid9 = _errs54 === errors;
                                            } else {
                                              var valid9 = true;
                                            }
                                            if (valid9) {
                                              if (data21.estimated !== void 0) {
                                                let data29 = data21.estimated;
                                                const _errs58 = errors;
                                                if (!(typeof data29 == "number" && (!(data29 % 1) && !isNaN(data29)) && isFinite(data29))) {
                                                  validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/estimated", schemaPath: "#/properties/shards/items/properties/estimated/type", keyword: "type", params: { type: "integer" }, message: "must be integer" }];
                                                  return false;
                                                }
                                                if (errors === _errs58) {
                                                  if (typeof data29 == "number" && isFinite(data29)) {
                                                    if (data29 < 0 || isNaN(data29)) {
                                                      validate10.errors = [{ instancePath: instancePath + "/shards/" + i5 + "/estimated", schemaPath: "#/properties/shards/items/properties/estimated/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" }];
                                                      return false;
                                                    }
                                                  }
                                                }
                                                var valid9 = _errs58 === errors;
                                              } else {
                                                var valid9 = true;
                                              }
                                            }
                                          }
                                        }
                                      }
                                    }
                                  }
                                } else {
                                  validate10.errors = [{ instancePath: instancePath + "/shards/" + i5, schemaPath: "#/properties/shards/items/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
                                  return false;
                                }
                              }
                              var valid8 = _errs42 === errors;
                              if (!valid8) {
                                break;
                              }
                            }
                          } else {
                            validate10.errors = [{ instancePath: instancePath + "/shards", schemaPath: "#/properties/shards/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                            return false;
                          }
                        }
                        var valid0 = _errs40 === errors;
                      } else {
                        var valid0 = true;
                      }
                      if (valid0) {
                        if (data.warnings !== void 0) {
                          let data30 = data.warnings;
                          const _errs60 = errors;
                          if (errors === _errs60) {
                            if (Array.isArray(data30)) {
                              var valid12 = true;
                              const len8 = data30.length;
                              for (let i8 = 0; i8 < len8; i8++) {
                                const _errs62 = errors;
                                if (typeof data30[i8] !== "string") {
                                  validate10.errors = [{ instancePath: instancePath + "/warnings/" + i8, schemaPath: "#/properties/warnings/items/type", keyword: "type", params: { type: "string" }, message: "must be string" }];
                                  return false;
                                }
                                var valid12 = _errs62 === errors;
                                if (!valid12) {
                                  break;
                                }
                              }
                            } else {
                              validate10.errors = [{ instancePath: instancePath + "/warnings", schemaPath: "#/properties/warnings/type", keyword: "type", params: { type: "array" }, message: "must be array" }];
                              return false;
                            }
                          }
                          var valid0 = _errs60 === errors;
                        } else {
                          var valid0 = true;
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    } else {
      validate10.errors = [{ instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" }];
      return false;
    }
  }
  validate10.errors = vErrors;
  return errors === 0;
}
function planShapeErrors(data) {
  return validate10(data) ? null : validate10.errors ?? [];
}

// src/formats/planJson.ts
function formatPlan(plan, describe2) {
  return JSON.stringify({ ...plan, warnings: plan.warnings.map(describe2) }, null, 2) + "\n";
}
function parsePlan(text, source) {
  let data;
  try {
    data = JSON.parse(text.charCodeAt(0) === 65279 ? text.slice(1) : text);
  } catch (e) {
    throw new InputError(`${source}: invalid plan JSON: ${e.message}`);
  }
  const errors = planShapeErrors(data);
  if (errors) {
    const err = errors[0];
    const where2 = err?.instancePath ? err.instancePath : "(root)";
    throw new InputError(`${source}: not a split-plan plan (version 1): ${where2} ${err?.message ?? "is invalid"}`);
  }
  const plan = data;
  if (plan.shards.length !== plan.splits || plan.shards.some((s, i) => s.group !== i + 1)) {
    throw new InputError(`${source}: plan has ${plan.shards.length} shards numbered out of order for splits ${plan.splits}`);
  }
  plan.cutFiles ??= [];
  plan.together ??= [];
  const read = { ...plan, warnings: (plan.warnings ?? []).map((text2) => ({ code: "worded", text: text2 })) };
  checkPlugins(read, source);
  return read;
}
function checkPlugins(plan, source) {
  for (const s of plan.shards) {
    if (s.pluginDir === void 0) continue;
    if (!pluginDirPattern(s.group).test(s.pluginDir) || s.selectors[0] !== s.pluginDir) {
      throw new InputError(
        `${source}: group ${s.group}: pluginDir must be .split-plan/group-${s.group}-<16 hex digits> and its first selector, got ${JSON.stringify(s.pluginDir)}`
      );
    }
  }
  for (const c of plan.cutFiles) {
    if (!c.groups.includes(c.owner)) throw new InputError(`${source}: cut file ${JSON.stringify(c.file)}: owner ${c.owner} is not one of its groups`);
    const bare = c.groups.find((g2) => plan.shards[g2 - 1]?.pluginDir === void 0);
    if (bare !== void 0) throw new InputError(`${source}: cut file ${JSON.stringify(c.file)}: group ${bare} runs part of it but has no pluginDir`);
  }
  for (const t of plan.together) {
    if (t.group > plan.splits || t.group > 0 && plan.shards[t.group - 1]?.pluginDir === void 0) {
      throw new InputError(`${source}: together ${JSON.stringify(t.pattern)}: group ${t.group} has no pluginDir`);
    }
  }
}

// src/render/recommend.ts
function fmt3(x) {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
function describeChoice(rec, words) {
  return `split-plan: ${words.setting("splits", "auto")} chose ${rec.splits}: ${rec.reason}
`;
}
function formatRecommendation(rec) {
  const lines = [];
  const p = rec.plan;
  lines.push(
    `split-plan recommend: ${p.tests} tests, ${p.totalSeconds.toFixed(2)} s of tests; job overhead ${fmt3(rec.jobOverheadSeconds)} s per job${rec.targetSeconds !== void 0 ? `; target ${fmt3(rec.targetSeconds)} s` : ""}`
  );
  const head = ["", "N", "jobs", "slowest s", "wall s", "billed min", "efficiency"];
  const rows = rec.rows.map((r) => [
    r.splits === rec.splits ? "*" : "",
    String(r.splits),
    String(r.jobs),
    r.slowestSeconds.toFixed(2),
    r.wallSeconds.toFixed(2),
    String(r.billedMinutes),
    `${(r.efficiency * 100).toFixed(1)}%`
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => i === 0 ? c.padEnd(widths[0]) : c.padStart(widths[i])).join("  ");
  lines.push(line(head));
  for (const r of rows) lines.push(line(r));
  lines.push(`pick: --splits ${rec.splits} (${rec.reason})`);
  lines.push("wall = job overhead + slowest shard; billed = each job rounded up to the minute; efficiency = test seconds / (jobs x wall)");
  if (rec.workers && rec.workers.length > 0) lines.push("", ...formatWorkers(rec.workers));
  return lines.map(oneLine).join("\n") + "\n";
}
function formatWorkers(rows) {
  const lines = ["shards or pytest-xdist workers, for the same cores (N shards x K workers):"];
  const head = ["", "cores", "N x K", "jobs", "slowest s", "wall s", "billed min", "efficiency"];
  const cells = rows.map((r) => [
    r.best ? "*" : "",
    String(r.cores),
    `${r.splits} x ${r.workers}`,
    String(r.jobs),
    r.slowestSeconds.toFixed(2),
    r.wallSeconds.toFixed(2),
    String(r.billedMinutes),
    `${(r.efficiency * 100).toFixed(1)}%`
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => i === 0 ? x.padEnd(widths[0]) : x.padStart(widths[i])).join("  ");
  lines.push(line(head));
  for (const c of cells) lines.push(line(c));
  const byCores = /* @__PURE__ */ new Map();
  for (const r of rows) if (r.best) byCores.set(r.cores, r);
  const verdicts = [...byCores.values()].map(
    (r) => `${r.cores} cores as ${r.workers === 1 ? `${r.splits} shard${r.splits === 1 ? "" : "s"}` : `${r.splits} shard${r.splits === 1 ? "" : "s"} x ${r.workers} workers`}`
  );
  lines.push(`best (*): ${verdicts.join("; ")}`);
  lines.push(
    `* = the fewest billed minutes within ${Math.round(WALL_TOLERANCE * 100)}% of the fastest wall for those cores; workers share their job's runner, one core each, and collect every file of their shard`
  );
  return lines;
}

// src/render/refresh.ts
var REPORT_LIST_LIMIT = 10;
function formatRefreshReport(r, ctx, limit = REPORT_LIST_LIMIT) {
  const lines = [];
  lines.push(
    `split-plan refresh: ${r.added.length} added, ${r.updated.length} updated, ${r.removed.length} removed, ${r.unchanged} unchanged (${r.notMeasured} not measured this run)`
  );
  lines.push(`total ${r.totalBefore.toFixed(2)} s before, ${r.totalAfter.toFixed(2)} s after (${r.timings.size} tests)`);
  const o = r.overhead;
  if (o && r.overheadChange !== "none") {
    lines.push(`overhead ${r.overheadChange}: ${o.fixedSeconds.toFixed(2)} s per shard + ${o.perFileSeconds.toFixed(4)} s per file (${o.samples} sample(s))`);
  }
  const pace = describeTestPace(r);
  if (pace !== void 0) lines.push(pace);
  const workers = describeWorkerStart(r);
  if (workers !== void 0) lines.push(workers);
  const list2 = (title, ids) => {
    if (ids.length === 0) return;
    lines.push(`${title} (${ids.length}):`);
    lines.push(
      ...boundedLines(
        ids,
        limit,
        (t) => `  ${t}`,
        (id) => id
      )
    );
  };
  list2("added", r.added);
  list2("updated", r.updated);
  list2("removed", r.removed);
  list2("not stored (only skipped or errored, no earlier timing)", r.unrecorded);
  list2("ignored (ran but not in the collected list)", r.ignored);
  list2("JUnit records that are not tests (collection errors?)", ctx.unmapped ?? []);
  lines.push(ctx.wrote ? `wrote ${ctx.path}` : `${ctx.path} left unchanged (nothing moved beyond the threshold)`);
  return lines.map(oneLine).join("\n") + "\n";
}
function describeTestPace(r) {
  if (r.testPaceChange === "none") return void 0;
  if (r.testPaceChange === "removed") return "test pace removed: the shards ran their tests at the stored seconds";
  const pace = (r.testPace ?? 1).toFixed(3);
  return `test pace ${r.testPaceChange}: the shards ran their tests at ${pace} x the stored seconds (planning multiplies the timings by it)`;
}
function describeWorkerStart(r) {
  const w = r.workerStart;
  if (w && (r.workerStartChange === "added" || r.workerStartChange === "updated")) {
    return `worker start-up ${r.workerStartChange}: ${w.workerStartSeconds.toFixed(2)} s per shard to bring up ${w.workers} pytest-xdist workers (plans with ${w.workers} workers use it)`;
  }
  if (r.xdistWithoutWorkers !== void 0) {
    return `${r.xdistWithoutWorkers} report(s) of pytest-xdist runs: give the workers the shards ran with (--workers, or the Action's workers input: their -n) to learn and store their worker start-up`;
  }
  return void 0;
}

// src/render/markdown.ts
function escapeMarkdown(text) {
  return text.replace(/[\\`*_{}[\]()<>#+\-!|~&]/g, (c) => `\\${c}`);
}
function codeSpan(text) {
  const flat = text.replace(/\r\n|\r|\n/g, " ");
  if (flat === "") return "` `";
  const fence = "`".repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const spaced = flat.startsWith(" ") && flat.endsWith(" ") && flat.trim() !== "";
  const pad2 = flat.startsWith("`") || flat.endsWith("`") || spaced ? " " : "";
  return `${fence}${pad2}${flat}${pad2}${fence}`;
}
function codeBlock(text, lang = "text") {
  const fence = "`".repeat(Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${fence}${lang}
${text.replace(/\n$/, "")}
${fence}`;
}
function bulletList(items, limit) {
  return boundedLines(
    items,
    limit,
    (t) => `- ${t}`,
    (x) => x
  );
}

// src/render/xml.ts
function escapeXml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// src/render/svgChart.ts
function coord(x) {
  const r = Math.round(x * 10) / 10;
  return String(r === 0 ? 0 : r);
}
function tickStep(max) {
  if (!(max > 0)) return 1;
  const raw = max / 6;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}
function formatTick(t, step) {
  return t.toFixed(step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step))));
}
function openChart(layout, opts) {
  const plotWidth = layout.width - layout.labelWidth - layout.valueWidth;
  const max = Math.max(0, opts.maxSeconds);
  const step = tickStep(max);
  const axisMax = max > 0 ? Math.ceil(max / step) * step : 1;
  const scale = plotWidth / axisMax;
  const plotTop = layout.legendHeight;
  const plotHeight = opts.rows * layout.rowHeight;
  const height = plotTop + plotHeight + layout.axisHeight;
  const ns = opts.standalone ? ' xmlns="http://www.w3.org/2000/svg"' : "";
  const lines = [
    `<svg${ns} width="${layout.width}" height="${height}" viewBox="0 0 ${layout.width} ${height}" role="img" aria-label="${escapeXml(opts.ariaLabel)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${layout.width}" height="${height}" fill="#ffffff"/>`
  ];
  let x = layout.labelWidth;
  for (const { color, label } of opts.legend) {
    lines.push(`<rect x="${coord(x)}" y="8" width="12" height="12" fill="${color}"/>`);
    lines.push(`<text x="${coord(x + 16)}" y="18">${escapeXml(label)}</text>`);
    x += layout.legendGap + label.length * 6.5;
  }
  for (let t = 0; t <= axisMax + 1e-9; t += step) {
    const gx = layout.labelWidth + t * scale;
    lines.push(`<line x1="${coord(gx)}" y1="${plotTop}" x2="${coord(gx)}" y2="${plotTop + plotHeight}" stroke="#e0e0e0"/>`);
    lines.push(`<text x="${coord(gx)}" y="${plotTop + plotHeight + 16}" text-anchor="middle" fill="#555">${escapeXml(formatTick(t, step))}</text>`);
  }
  lines.push(`<text x="${layout.labelWidth + plotWidth}" y="${height - 2}" text-anchor="end" fill="#555">seconds</text>`);
  return { lines, scale, plotTop };
}
function closeChart(frame) {
  return [...frame.lines, "</svg>"].join("\n") + "\n";
}

// src/render/verify.ts
var OFFENDER_LIMIT = 20;
function formatVerify(r, ctx = {}, limit = OFFENDER_LIMIT) {
  const lines = [];
  const ranTotal = sum(r.shards.map((s) => s.ran));
  const changes = [
    ...r.selectedNew.length > 0 ? [`${r.selectedNew.length} new since planning`] : [],
    ...r.gone.length > 0 ? [`${r.gone.length} planned test(s) gone since planning`] : []
  ];
  lines.push(
    r.ok ? `split-plan verify: ok: every planned test ran exactly once (${ranTotal} tests in ${r.shards.length} shards${changes.map((c) => `; ${c}`).join("")})` : `split-plan verify: FAILED: ${r.lost.length} lost, ${r.doubled.length} doubled, ${r.unexpected.length} unexpected`
  );
  const section = (title, items, show) => {
    if (items.length === 0) return;
    lines.push(`${title} (${items.length}):`);
    lines.push(...boundedLines(items, limit, (t) => `  ${t}`, show));
  };
  if (r.missingShards.length > 0) lines.push(`no report for group(s) ${r.missingShards.join(", ")}`);
  section("lost: planned but not run", r.lost, (l) => `${l.entry}  (group ${l.group})`);
  section("doubled: ran in more than one report", r.doubled, (d) => `${d.id}  (${d.reports.join(", ")})`);
  section("unexpected: ran but not planned", r.unexpected, (u) => `${u.id}  (${u.report})`);
  section("new: not planned, ran once in the shard that runs new tests of their file", r.selectedNew, (u) => `${u.id}  (${u.report})`);
  section("gone: planned, but no longer collected (deleted or renamed since the timings)", r.gone, (l) => `${l.entry}  (group ${l.group})`);
  section("reports that ran no planned test", r.unmatchedReports, (s) => s);
  section("modules skipped at collection (their tests count as run)", r.skippedModules, (m) => m);
  section("JUnit records that are not tests (collection errors?)", ctx.unmapped ?? [], (u) => u);
  const rows = verifyRows(r);
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? "").length))) ?? [];
  for (const row of rows) lines.push(row.map((cell, c) => cell.padStart(widths[c] ?? 0)).join("  "));
  return lines.map(oneLine).join("\n") + "\n";
}
function verifyRows(r) {
  const rows = [["group", "planned", "ran", "lost", "predicted s", "actual s", "diff"]];
  for (const s of r.shards) {
    const actual = s.actualSeconds;
    rows.push([
      String(s.group),
      String(s.planned),
      String(s.ran),
      String(s.lost),
      s.predictedSeconds.toFixed(2),
      actual === void 0 ? "missing" : actual.toFixed(2),
      actual === void 0 || s.predictedSeconds === 0 ? "" : `${actual >= s.predictedSeconds ? "+" : ""}${((actual - s.predictedSeconds) / s.predictedSeconds * 100).toFixed(0)}%`
    ]);
  }
  return rows;
}
var f2 = (x) => x.toFixed(2);
var pct = (x) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(0)}%`;
var VERDICT_LABELS = {
  "as-predicted": "as predicted",
  "runner-speed": "machine speed",
  "tests-moved": "tests moved",
  overhead: "overhead off",
  missing: "no report"
};
function headline(r) {
  const ran = r.shards.reduce((n, s) => n + s.ran, 0);
  return r.ok ? `split-plan verify: ok, every planned test ran exactly once (${ran} tests in ${r.shards.length} shards)` : `split-plan verify: FAILED: ${r.lost.length} lost, ${r.doubled.length} doubled, ${r.unexpected.length} unexpected`;
}
function verifyChart(timing) {
  const shards = timing.shards;
  const top = Math.max(1, Math.ceil(Math.max(...shards.map((s) => Math.max(s.predictedSeconds, s.measuredSeconds ?? 0))) * 1.1));
  return [
    "```mermaid",
    "xychart-beta",
    '  title "Measured (bars) against predicted (line) seconds per shard"',
    `  x-axis "shard" [${shards.map((s) => `"${s.group}"`).join(", ")}]`,
    `  y-axis "seconds" 0 --> ${top}`,
    `  bar [${shards.map((s) => f2(s.measuredSeconds ?? 0)).join(", ")}]`,
    `  line [${shards.map((s) => f2(s.predictedSeconds)).join(", ")}]`,
    "```"
  ].join("\n");
}
function timingMarkdown(timing, limit) {
  const out = [];
  out.push("### Predicted against measured");
  out.push("");
  out.push(verifyChart(timing));
  out.push("");
  out.push("| shard | predicted s | measured s | error | model on this run s | tests ran x stored | why |");
  out.push("| ---: | ---: | ---: | ---: | ---: | ---: | :-- |");
  for (const s of timing.shards) {
    out.push(
      `| ${s.group} | ${f2(s.predictedSeconds)} | ${s.measuredSeconds === void 0 ? "missing" : f2(s.measuredSeconds)} | ${s.error === void 0 ? "" : pct(s.error)} | ${s.modelSeconds === void 0 ? "" : f2(s.modelSeconds)} | ${s.testRatio === void 0 ? "" : s.testRatio.toFixed(2)} | **${VERDICT_LABELS[s.verdict]}**: ${s.reason} |`
    );
  }
  out.push("");
  out.push(timingNote(timing));
  out.push("");
  if (!timing.stored) {
    out.push("No stored timings were given (`--durations`, or the `durations` input), so moved tests cannot be listed.");
    return out;
  }
  out.push(
    `### Tests that moved most against their stored time (${timing.moved.length} of ${timing.compared} compared${timing.unstored > 0 ? `; ${timing.unstored} ran without a stored time` : ""})`
  );
  out.push("");
  if (timing.moved.length === 0) {
    out.push("None: every test took its stored time.");
    return out;
  }
  out.push("| test | shard | stored s | measured s | change s |");
  out.push("| :-- | ---: | ---: | ---: | ---: |");
  for (const t of timing.moved.slice(0, limit)) {
    out.push(
      `| ${codeSpan(t.id).replaceAll("|", "\\|")} | ${t.group || ""} | ${f2(t.storedSeconds)} | ${f2(t.measuredSeconds)} | ${t.changeSeconds >= 0 ? "+" : ""}${f2(t.changeSeconds)} |`
    );
  }
  return out;
}
function timingNote(timing) {
  const parts = ["Measured: the shard's JUnit session seconds."];
  if (timing.startupSeconds > 0)
    parts.push(`Predicted: the plan's seconds less the ${f2(timing.startupSeconds)} s of start-up outside pytest's session, which JUnit does not show.`);
  parts.push(`Model on this run: the cost model with this run's own test times${timing.workers > 1 ? ` spread over ${timing.workers} workers` : ""}.`);
  return parts.join(" ");
}
function verifyMarkdown(r, opts = {}) {
  const limit = opts.limit ?? OFFENDER_LIMIT;
  const out = [];
  out.push(`## ${headline(r)}`);
  out.push("");
  const [header, ...rows] = verifyRows(r);
  if (header) {
    out.push(`| ${header.join(" | ")} |`);
    out.push(`| ${header.map(() => "---:").join(" | ")} |`);
    for (const row of rows) out.push(`| ${row.join(" | ")} |`);
  }
  if (r.missingShards.length > 0) {
    out.push("");
    out.push(`**No report for group${r.missingShards.length === 1 ? "" : "s"} ${r.missingShards.join(", ")}**: its tests count as lost.`);
  }
  if (opts.timing) {
    out.push("");
    out.push(...timingMarkdown(opts.timing, limit));
  }
  const section = (title, items) => {
    if (items.length === 0) return;
    out.push("");
    out.push(`### ${title} (${items.length})`);
    out.push("");
    out.push(...bulletList(items, limit));
  };
  section(
    "Lost: planned but not run",
    r.lost.map((l) => `${codeSpan(l.entry)} (group ${l.group})`)
  );
  section(
    "Doubled: ran in more than one report",
    r.doubled.map((d) => `${codeSpan(d.id)} (${d.reports.map(codeSpan).join(", ")})`)
  );
  section(
    "Unexpected: ran but not planned",
    r.unexpected.map((u) => `${codeSpan(u.id)} (${codeSpan(u.report)})`)
  );
  section(
    "New: not planned, ran once in the shard that runs new tests of their file",
    r.selectedNew.map((u) => `${codeSpan(u.id)} (${codeSpan(u.report)})`)
  );
  section(
    "Gone: planned, but no longer collected (deleted or renamed since the timings)",
    r.gone.map((l) => `${codeSpan(l.entry)} (group ${l.group})`)
  );
  section("Reports that ran no planned test", r.unmatchedReports.map(codeSpan));
  section("Modules skipped at collection (their tests count as run)", r.skippedModules.map(codeSpan));
  section("JUnit records that are not tests (collection errors?)", (opts.unmapped ?? []).map(codeSpan));
  return out.join("\n") + "\n";
}
var VERDICT_COLORS = {
  "as-predicted": "#1a73e8",
  "runner-speed": "#f29900",
  "tests-moved": "#9334e6",
  overhead: "#d93025",
  missing: "#9aa0a6"
};
var PREDICTED_COLOR = "#c6cacf";
var MODEL_COLOR = "#202124";
var LAYOUT = {
  width: 960,
  labelWidth: 80,
  valueWidth: 230,
  legendHeight: 30,
  axisHeight: 28,
  rowHeight: 2 * 12 + 12,
  legendGap: 24
};
var BAR_HEIGHT = 12;
function shardTitle(s) {
  const measured = s.measuredSeconds === void 0 ? "no report" : `${f2(s.measuredSeconds)} s measured`;
  return `shard ${s.group}: ${f2(s.predictedSeconds)} s predicted, ${measured}${s.error === void 0 ? "" : ` (${pct(s.error)})`}; ${VERDICT_LABELS[s.verdict]}: ${s.reason}`;
}
function verifySvg(timing, standalone = true) {
  const shards = timing.shards;
  const { labelWidth, rowHeight } = LAYOUT;
  const frame = openChart(LAYOUT, {
    rows: shards.length,
    maxSeconds: Math.max(0, ...shards.map((s) => Math.max(s.predictedSeconds, s.measuredSeconds ?? 0, s.modelSeconds ?? 0))),
    ariaLabel: `predicted against measured seconds of ${shards.length} shards`,
    legend: [
      { color: PREDICTED_COLOR, label: "predicted" },
      { color: VERDICT_COLORS["as-predicted"], label: "measured: as predicted" },
      { color: VERDICT_COLORS["runner-speed"], label: "machine speed" },
      { color: VERDICT_COLORS["tests-moved"], label: "tests moved" },
      { color: VERDICT_COLORS.overhead, label: "overhead off" },
      { color: MODEL_COLOR, label: "model on this run" }
    ],
    standalone
  });
  const { lines: out, scale } = frame;
  shards.forEach((s, i) => {
    const y = frame.plotTop + i * rowHeight + 6;
    out.push(
      `<g class="shard" data-shard="${s.group}" data-predicted="${s.predictedSeconds}"${s.measuredSeconds === void 0 ? "" : ` data-measured="${s.measuredSeconds}"`} data-verdict="${s.verdict}">`
    );
    out.push(`<title>${escapeXml(shardTitle(s))}</title>`);
    out.push(`<text x="${labelWidth - 8}" y="${coord(y + BAR_HEIGHT + 4)}" text-anchor="end">shard ${s.group}</text>`);
    out.push(
      `<rect data-part="predicted" x="${labelWidth}" y="${coord(y)}" width="${coord(s.predictedSeconds * scale)}" height="${BAR_HEIGHT}" fill="${PREDICTED_COLOR}"/>`
    );
    if (s.measuredSeconds !== void 0) {
      out.push(
        `<rect data-part="measured" x="${labelWidth}" y="${coord(y + BAR_HEIGHT)}" width="${coord(s.measuredSeconds * scale)}" height="${BAR_HEIGHT}" fill="${VERDICT_COLORS[s.verdict]}"/>`
      );
    }
    if (s.modelSeconds !== void 0) {
      const mx = labelWidth + s.modelSeconds * scale;
      out.push(
        `<line data-part="model" x1="${coord(mx)}" y1="${coord(y - 2)}" x2="${coord(mx)}" y2="${coord(y + 2 * BAR_HEIGHT + 2)}" stroke="${MODEL_COLOR}" stroke-width="2"/>`
      );
    }
    const right = labelWidth + Math.max(s.predictedSeconds, s.measuredSeconds ?? 0, s.modelSeconds ?? 0) * scale;
    const value = s.measuredSeconds === void 0 ? `${f2(s.predictedSeconds)} s predicted, no report` : `${f2(s.measuredSeconds)} s of ${f2(s.predictedSeconds)} s${s.error === void 0 ? "" : ` (${pct(s.error)})`} \xB7 ${VERDICT_LABELS[s.verdict]}`;
    out.push(`<text x="${coord(right + 6)}" y="${coord(y + BAR_HEIGHT + 4)}" fill="#222">${escapeXml(value)}</text>`);
    out.push("</g>");
  });
  return closeChart(frame);
}
var CSS = `body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:20px;margin:0 0 8px}
h2{font-size:16px;margin:20px 0 6px}
p{margin:4px 0}
table{border-collapse:collapse;margin-top:8px;font-size:13px}
th,td{border:1px solid #ddd;padding:3px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}
td.text{text-align:left}
code{font-size:12px}
.fail{color:#d93025}`;
function verifyHtml(r, timing, opts = {}) {
  const limit = opts.limit ?? OFFENDER_LIMIT;
  const out = [];
  out.push("<!DOCTYPE html>");
  out.push('<html lang="en">');
  out.push("<head>");
  out.push('<meta charset="utf-8">');
  out.push(`<title>${escapeXml(`split-plan verify: ${r.ok ? "ok" : "FAILED"}`)}</title>`);
  out.push(`<style>${CSS}</style>`);
  out.push("</head>");
  out.push("<body>");
  out.push(`<h1${r.ok ? "" : ' class="fail"'}>${escapeXml(headline(r))}</h1>`);
  out.push(`<p>${escapeXml(timingNote(timing))}</p>`);
  out.push(verifySvg(timing, false).trimEnd());
  out.push("<table>");
  out.push(
    "<thead><tr><th>shard</th><th>predicted s</th><th>measured s</th><th>error</th><th>model on this run s</th><th>tests ran x stored</th><th>why</th></tr></thead>"
  );
  out.push("<tbody>");
  for (const s of timing.shards) {
    out.push(
      `<tr data-shard="${s.group}"><td>${s.group}</td><td>${f2(s.predictedSeconds)}</td><td>${s.measuredSeconds === void 0 ? "missing" : f2(s.measuredSeconds)}</td><td>${s.error === void 0 ? "" : pct(s.error)}</td><td>${s.modelSeconds === void 0 ? "" : f2(s.modelSeconds)}</td><td>${s.testRatio === void 0 ? "" : s.testRatio.toFixed(2)}</td><td class="text"><b>${escapeXml(VERDICT_LABELS[s.verdict])}</b>: ${escapeXml(s.reason)}</td></tr>`
    );
  }
  out.push("</tbody>");
  out.push("</table>");
  if (timing.stored) {
    out.push(`<h2>${escapeXml(`Tests that moved most against their stored time (${timing.moved.length} of ${timing.compared} compared)`)}</h2>`);
    if (timing.moved.length === 0) out.push("<p>None: every test took its stored time.</p>");
    else {
      out.push('<table class="moved">');
      out.push("<thead><tr><th>test</th><th>shard</th><th>stored s</th><th>measured s</th><th>change s</th></tr></thead>");
      out.push("<tbody>");
      for (const t of timing.moved) {
        out.push(
          `<tr><td><code>${escapeXml(t.id)}</code></td><td>${t.group || ""}</td><td>${f2(t.storedSeconds)}</td><td>${f2(t.measuredSeconds)}</td><td>${t.changeSeconds >= 0 ? "+" : ""}${f2(t.changeSeconds)}</td></tr>`
        );
      }
      out.push("</tbody>");
      out.push("</table>");
    }
  } else out.push("<p>No stored timings were given (--durations), so moved tests cannot be listed.</p>");
  const section = (title, items) => {
    if (items.length === 0) return;
    out.push(`<h2>${escapeXml(`${title} (${items.length})`)}</h2>`);
    out.push("<ul>");
    out.push(
      ...boundedLines(
        items,
        limit,
        (t) => `<li>${t}</li>`,
        (x) => `<code>${escapeXml(x)}</code>`
      )
    );
    out.push("</ul>");
  };
  if (r.missingShards.length > 0)
    out.push(`<p class="fail">${escapeXml(`no report for group(s) ${r.missingShards.join(", ")}: their tests count as lost`)}</p>`);
  section(
    "Lost: planned but not run",
    r.lost.map((l) => `${l.entry} (group ${l.group})`)
  );
  section(
    "Doubled: ran in more than one report",
    r.doubled.map((d) => `${d.id} (${d.reports.join(", ")})`)
  );
  section(
    "Unexpected: ran but not planned",
    r.unexpected.map((u) => `${u.id} (${u.report})`)
  );
  section(
    "New: not planned, ran once in the shard that runs new tests of their file",
    r.selectedNew.map((u) => `${u.id} (${u.report})`)
  );
  section(
    "Gone: planned, but no longer collected (deleted or renamed since the timings)",
    r.gone.map((l) => `${l.entry} (group ${l.group})`)
  );
  section("Reports that ran no planned test", r.unmatchedReports);
  section("Modules skipped at collection (their tests count as run)", r.skippedModules);
  section("JUnit records that are not tests (collection errors?)", opts.unmapped ?? []);
  out.push("</body>");
  out.push("</html>");
  return out.join("\n") + "\n";
}

// src/app/refresh.ts
import { existsSync as existsSync2 } from "node:fs";
import { resolve as resolve6 } from "node:path";
async function loadRefreshInputs(req) {
  const junit = req.words.option("junit");
  const reports = await readReports(expandPatterns(req.junit, req.cwd, junit, true), junit);
  const inputs = { reports, rootdir: resolve6(req.cwd, req.rootdir) };
  if (req.collected !== void 0) {
    const stdin = req.collected === "-";
    const label = req.words.option("collected");
    const text = stdin ? readStdin(label) : readText(resolve6(req.cwd, req.collected), label);
    inputs.collected = parseCollected(text, stdin ? "<stdin>" : req.collected);
  }
  return inputs;
}
function refreshText(stored, source, inputs, settings) {
  const file = stored === void 0 || stored.trim() === "" ? { timings: /* @__PURE__ */ new Map() } : parseDurations(stored, source);
  const knownIds = new Set(inputs.collected ?? []);
  for (const id of file.timings.keys()) knownIds.add(id);
  const { cases, unmapped } = mapReports(inputs.reports, { knownIds, isFile: (rel) => isFileUnder(inputs.rootdir, rel) });
  const shapes = reportShapes(inputs.reports, cases);
  const result = refreshDurations(file.timings, cases, {
    ...inputs.collected ? { collected: inputs.collected } : {},
    completeRun: settings.completeRun,
    uncollectedModules: collectorModules(inputs.reports),
    smoothing: settings.smoothing,
    alpha: settings.alpha,
    minChangeSeconds: settings.minChangeSeconds,
    minChangeRatio: settings.minChangeRatio,
    ...file.overhead ? { storedOverhead: file.overhead } : {},
    ...file.testPace !== void 0 ? { storedTestPace: file.testPace } : {},
    overheadSamples: overheadSamples(inputs.reports, cases),
    ...settings.workers !== void 0 ? { workers: settings.workers } : {},
    ...file.workerStart ? { storedWorkerStart: file.workerStart } : {},
    parallelSamples: parallelSamples(shapes, parallelReports(shapes))
  });
  return { result, content: formatDurations(result.timings, result.overhead, result.testPace, result.workerStart), unmapped };
}
async function refreshFromRequest(req) {
  const durationsPath = resolve6(req.cwd, req.durations);
  const outputPath = resolve6(req.cwd, req.output ?? req.durations);
  const inputs = await loadRefreshInputs(req);
  const existed = existsSync2(durationsPath);
  const stored = existed ? readText(durationsPath, req.words.option("durations")) : void 0;
  const computed = refreshText(stored, durationsPath, inputs, req);
  const write = computed.result.changed || outputPath !== durationsPath || !existed;
  return { ...computed, durationsPath, outputPath, write };
}

// src/formats/argsFile.ts
var LINE_BOUNDARY = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;
var LONE_SURROGATE = new RegExp("\\p{Cs}", "u");
function shown(s) {
  return JSON.stringify(s.length > 80 ? s.slice(0, 80) + "\u2026" : s);
}
function checkSelector(s, what) {
  const brk = LINE_BOUNDARY.exec(s);
  if (brk !== null) {
    const code = `U+${(brk[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new InputError(`${what}: node id ${shown(s)} contains a line break (${code}), which pytest cannot take as an argument`);
  }
  if (s.includes("\0")) throw new InputError(`${what}: node id ${shown(s)} contains a NUL character, which no argument can hold`);
  if (LONE_SURROGATE.test(s)) throw new InputError(`${what}: node id ${shown(s)} contains a lone surrogate, which is not valid Unicode text`);
  if (s.startsWith("-") || s.startsWith("@")) {
    throw new InputError(`${what}: node id ${shown(s)} starts with '${s[0]}', which pytest would read as an option or args file`);
  }
}
function formatArgsFile(selectors, what) {
  if (selectors.length === 0) throw new InputError(`${what} has no tests to run`);
  for (const s of selectors) checkSelector(s, what);
  return selectors.join("\n") + "\n";
}

// src/python/source.ts
function pluginSource() {
  return '"""split-plan\'s shard plugin.\n\nsplit-plan writes this file, unchanged, into ``<rootdir>/.split-plan/group-K/`` with the shard\'s\npart of the plan beside it in ``shard.json``, and passes that directory as the first argument of\nthe shard\'s pytest command. pytest loads a ``conftest.py`` found in a directory given on its\ncommand line before it collects, so this plugin sees every item the shard\'s files hold. It never\nholds node ids itself: they are data in ``shard.json``.\n\nFor each file the plan spreads over several shards (a cut file), it keeps:\n\n- in the shard that owns the file: every item except the ids other shards run, so tests added\n  since the plan was made run here;\n- in every other shard: only its own planned ids that still exist, so a test deleted or renamed\n  since the plan was made is ignored instead of failing the run.\n\nIds are compared exactly. Items it drops are reported through ``pytest_deselected``. Planned ids\nit did not find are written into the JUnit report as ``<property name="split-plan-gone">`` (JSON\nlists), with ``split-plan-group``, so ``split-plan verify`` tells "gone since planning" from lost.\n\nTests of a ``--together`` pattern are marked ``xdist_group`` (use ``--dist loadgroup`` with\npytest-xdist to keep them on one worker) and run as one block in path order, after any plugin\nthat reorders tests.\n\nWorks under pytest-xdist: every worker filters its own collection the same way, and the controller\nrecords what the workers did not find.\n"""\n\nimport json\nimport os\n\nimport pytest\n\n_SIDECAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shard.json")\nwith open(_SIDECAR, encoding="utf-8") as _f:\n    _SHARD = json.load(_f)\nif _SHARD.get("version") != 1:\n    raise RuntimeError(\n        "split-plan: %s is version %r; this plugin reads version 1" % (_SIDECAR, _SHARD.get("version"))\n    )\n\n_GROUP = _SHARD["group"]\n# path -> (owner, own planned ids, ids other shards run)\n_FILES = {\n    path: (bool(spec["owner"]), frozenset(spec["mine"]), frozenset(spec.get("others", ())))\n    for path, spec in _SHARD["files"].items()\n}\n# id -> xdist group name, and file -> name for files all of whose tests belong to a group\n_TOGETHER_IDS = {}\n_TOGETHER_FILES = {}\nfor _group in _SHARD.get("together", ()):\n    for _id in _group["ids"]:\n        _TOGETHER_IDS.setdefault(_id, _group["name"])\n    for _path in _group["files"]:\n        _TOGETHER_FILES.setdefault(_path, _group["name"])\n\n# At most this many characters of ids per JUnit property (a report reader limits one tag\'s size).\n_PROPERTY_CHARS = 512 * 1024\n_WORKER_KEY = "split_plan_gone"\n\n\nclass _State:\n    gone = None  # planned ids this shard did not find, sorted (None: not known)\n    dropped = 0\n    # id(item) -> (group name, collection index): the together items, as collected\n    together = {}\n\n\ndef _file_of(nodeid):\n    cut = nodeid.find("::")\n    return nodeid if cut < 0 else nodeid[:cut]\n\n\n@pytest.hookimpl(tryfirst=True)\ndef pytest_collection_modifyitems(session, config, items):\n    """Keeps this shard\'s part of every cut file; runs before other plugins rename or reorder items."""\n    kept = []\n    dropped = []\n    seen = set()\n    for index, item in enumerate(items):\n        nodeid = item.nodeid\n        path = _file_of(nodeid)\n        spec = _FILES.get(path)\n        if spec is not None:\n            seen.add(nodeid)\n            owner, mine, others = spec\n            if (nodeid in others) if owner else (nodeid not in mine):\n                dropped.append(item)\n                continue\n        kept.append(item)\n        group = _TOGETHER_IDS.get(nodeid) or _TOGETHER_FILES.get(path)\n        if group is not None:\n            _State.together[id(item)] = (group, index)\n            item.add_marker(pytest.mark.xdist_group(group))\n    _State.gone = sorted(i for _, mine, _ in _FILES.values() for i in mine if i not in seen)\n    _State.dropped = len(dropped)\n    if dropped:\n        items[:] = kept\n        config.hook.pytest_deselected(items=dropped)\n    workeroutput = getattr(config, "workeroutput", None)\n    if workeroutput is not None:\n        workeroutput[_WORKER_KEY] = _State.gone\n\n\nclass _TogetherOrder:\n    """Runs after every other reordering plugin: each together group as one block, in path order."""\n\n    @pytest.hookimpl(trylast=True)\n    def pytest_collection_finish(self, session):\n        # pytest-xdist\'s --dist loadgroup appends "@<group>" to the node id of every item marked\n        # xdist_group, after sending the ids to the controller that schedules by them; restore\n        # ours, so reports (JUnit, verify, refresh) carry the real node ids.\n        for item in session.items:\n            tag = _State.together.get(id(item))\n            if tag is None:\n                continue\n            suffix = "@" + tag[0]\n            nodeid = getattr(item, "_nodeid", None)\n            if isinstance(nodeid, str) and nodeid.endswith(suffix):\n                item._nodeid = nodeid[: -len(suffix)]\n\n    @pytest.hookimpl(trylast=True)\n    def pytest_collection_modifyitems(self, session, config, items):\n        if not _State.together:\n            return\n        blocks = {}\n        for item in items:\n            tag = _State.together.get(id(item))\n            if tag is not None:\n                blocks.setdefault(tag[0], []).append((tag[1], item))\n        placed = set()\n        out = []\n        for item in items:\n            tag = _State.together.get(id(item))\n            if tag is None:\n                out.append(item)\n            elif tag[0] not in placed:\n                placed.add(tag[0])\n                out.extend(i for _, i in sorted(blocks[tag[0]], key=lambda pair: pair[0]))\n        items[:] = out\n\n\ndef pytest_configure(config):\n    config.pluginmanager.register(_TogetherOrder(), "split-plan-together-order")\n\n\n@pytest.hookimpl(optionalhook=True)\ndef pytest_testnodedown(node, error):\n    """pytest-xdist controller: a worker\'s collection tells which planned ids are gone."""\n    gone = getattr(node, "workeroutput", {}).get(_WORKER_KEY)\n    if gone is not None and _State.gone is None:\n        _State.gone = sorted(gone)\n\n\ndef _junit_xml(config):\n    try:\n        from _pytest.junitxml import xml_key\n    except ImportError:  # pragma: no cover - pytest without the stash key\n        return None\n    return config.stash.get(xml_key, None)\n\n\ndef _chunks(ids):\n    chunk = []\n    size = 0\n    for i in ids:\n        if chunk and size + len(i) > _PROPERTY_CHARS:\n            yield chunk\n            chunk = []\n            size = 0\n        chunk.append(i)\n        size += len(i) + 4\n    if chunk:\n        yield chunk\n\n\n@pytest.hookimpl(tryfirst=True)\ndef pytest_sessionfinish(session, exitstatus):\n    config = session.config\n    if hasattr(config, "workerinput"):\n        return\n    xml = _junit_xml(config)\n    if xml is not None:\n        xml.add_global_property("split-plan-group", str(_GROUP))\n        for chunk in _chunks(_State.gone or ()):\n            xml.add_global_property("split-plan-gone", json.dumps(chunk, ensure_ascii=False))\n    # A shard whose planned tests were all deleted since planning has nothing to run: not an error.\n    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and (_State.gone or _State.dropped):\n        session.exitstatus = pytest.ExitCode.OK\n';
}

// src/formats/pluginFiles.ts
var SIDECAR_NAME = "shard.json";
function formatShardFilter(filter) {
  return shardFilterText(filter);
}
function pluginFiles(plan, groups) {
  const wanted = plan.shards.filter((s) => groups.includes(s.group) && s.pluginDir !== void 0);
  if (wanted.length === 0) return [];
  const filters = shardFilters(plan);
  const out = [{ path: `${PLUGIN_ROOT}/.gitignore`, content: "# written by split-plan for its shards\n*\n" }];
  for (const s of wanted) {
    const filter = filters.get(s.group);
    if (filter === void 0) throw new InputError(`group ${s.group}: the plan names a plugin directory but no filter for it`);
    const content = formatShardFilter(filter);
    if (s.pluginDir !== pluginDirOf(s.group, contentKey(content))) {
      throw new InputError(
        `group ${s.group}: pluginDir ${JSON.stringify(s.pluginDir)} does not match the shard's part of the plan (was the plan edited?); plan again`
      );
    }
    out.push({ path: `${s.pluginDir}/conftest.py`, content: pluginSource() });
    out.push({ path: `${s.pluginDir}/${SIDECAR_NAME}`, content });
  }
  return out;
}

// src/app/verify.ts
import { resolve as resolve7 } from "node:path";

// src/core/verify.ts
var GROUP_PROPERTY = "split-plan-group";
var GONE_PROPERTY = "split-plan-gone";
function selects(sel, id) {
  if (id === sel) return true;
  if (!id.startsWith(sel)) return false;
  const next = id.slice(sel.length, sel.length + 2);
  return next === "::" || next.startsWith("[") && sel.includes("::");
}
var PlanIndex = class {
  exact = /* @__PURE__ */ new Map();
  wholeFiles = /* @__PURE__ */ new Map();
  /** Dotted module (as in a collector record) -> the first group with an entry in it. */
  modules = /* @__PURE__ */ new Map();
  /** Cut file -> the group that owns it (runs its tests the plan does not know). */
  owners;
  constructor(plan) {
    this.owners = new Map((plan.cutFiles ?? []).map((c) => [c.file, c.owner]));
    for (const shard of plan.shards) {
      for (const entry of shard.tests) {
        if (!this.exact.has(entry)) this.exact.set(entry, shard.group);
        if (!entry.includes("::") && !this.wholeFiles.has(entry)) this.wholeFiles.set(entry, shard.group);
        const mod = moduleOfFile(fileOf(entry));
        if (!this.modules.has(mod)) this.modules.set(mod, shard.group);
      }
    }
  }
  /** [group, entry] that plans the id, or undefined. */
  find(id) {
    const g2 = this.exact.get(id);
    if (g2 !== void 0) return [g2, id];
    const file = fileOf(id);
    const f = this.wholeFiles.get(file);
    return f === void 0 ? void 0 : [f, file];
  }
  groupOfModule(mod) {
    return this.modules.get(mod);
  }
};
function verifyRun(plan, reports, cases) {
  const index = new PlanIndex(plan);
  const idsByReport = reports.map(() => /* @__PURE__ */ new Set());
  for (const c of cases) idsByReport[c.report]?.add(c.id);
  const groups = new Set(plan.shards.map((s) => s.group));
  const groupOfReport = idsByReport.map((ids, r) => {
    const named = namedGroup(reports[r]);
    if (named !== void 0 && groups.has(named)) return named;
    const hits = /* @__PURE__ */ new Map();
    const hit = (g2) => {
      if (g2 !== void 0) hits.set(g2, (hits.get(g2) ?? 0) + 1);
    };
    for (const id of ids) hit(index.find(id)?.[0]);
    for (const mod of collectorModules(reports.slice(r, r + 1), "skipped")) hit(index.groupOfModule(mod));
    let best;
    let bestHits = 0;
    for (const [g2, n] of hits) if (n > bestHits || n === bestHits && best !== void 0 && g2 < best) [best, bestHits] = [g2, n];
    return best;
  });
  const ranEntries = /* @__PURE__ */ new Set();
  const reportsOfId = /* @__PURE__ */ new Map();
  const unexpected = [];
  const selectedNew = [];
  const shardsByGroup = new Map(plan.shards.map((s) => [s.group, s]));
  const filesRan = /* @__PURE__ */ new Map();
  const goneReported = /* @__PURE__ */ new Map();
  idsByReport.forEach((ids, r) => {
    const source = reports[r]?.source ?? String(r);
    const group = groupOfReport[r];
    const selectors = shardsByGroup.get(group ?? 0)?.selectors ?? [];
    let files = filesRan.get(group ?? 0);
    if (!files) filesRan.set(group ?? 0, files = /* @__PURE__ */ new Set());
    for (const id of ids) {
      const list2 = reportsOfId.get(id);
      if (list2) list2.push(r);
      else reportsOfId.set(id, [r]);
      const file = fileOf(id);
      files.add(file);
      const found = index.find(id);
      if (found) ranEntries.add(found[1]);
      else {
        const owner = index.owners.get(file);
        const isNew = owner !== void 0 ? owner === group : selectors.some((s) => selects(s, id));
        (isNew ? selectedNew : unexpected).push({ id, report: source });
      }
    }
    const gone2 = goneIds(reports[r]);
    if (group !== void 0) {
      if (gone2.length > 0) {
        let set = goneReported.get(group);
        if (!set) goneReported.set(group, set = /* @__PURE__ */ new Set());
        for (const id of gone2) set.add(id);
      }
    }
  });
  const doubled = [];
  for (const [id, rs] of reportsOfId) {
    if (rs.length > 1) doubled.push({ id, reports: rs.map((r) => reports[r]?.source ?? String(r)).sort(compareIds) });
  }
  const skippedModules = new Set(collectorModules(reports, "skipped"));
  const skippedAtCollection = (entry) => skippedModules.has(moduleOfFile(fileOf(entry)));
  const lost = [];
  const gone = [];
  const shards = [];
  const missingShards = [];
  for (const shard of plan.shards) {
    const mine = reports.flatMap((_, r) => groupOfReport[r] === shard.group ? [r] : []);
    const notRun = [...new Set(shard.tests)].filter((e) => !ranEntries.has(e) && !skippedAtCollection(e)).sort(compareIds);
    const reported = goneReported.get(shard.group);
    const ranFiles = filesRan.get(shard.group);
    const wholeFiles = new Set(shard.selectors);
    const isGone = (entry) => {
      if (!entry.includes("::")) return false;
      const file = fileOf(entry);
      if (index.owners.has(file)) return reported?.has(entry) === true;
      return wholeFiles.has(file) && ranFiles?.has(file) === true;
    };
    const goneHere = notRun.filter(isGone);
    const lostHere = notRun.filter((e) => !isGone(e));
    for (const entry of lostHere) lost.push({ entry, group: shard.group });
    for (const entry of goneHere) gone.push({ entry, group: shard.group });
    const ran = new Set(mine.flatMap((r) => [...idsByReport[r] ?? []])).size;
    const check = {
      group: shard.group,
      planned: shard.tests.length,
      predictedSeconds: shard.predictedSeconds,
      reports: mine.map((r) => reports[r]?.source ?? String(r)),
      ran,
      lost: lostHere.length,
      gone: goneHere.length
    };
    if (mine.length > 0) check.actualSeconds = sum(mine.map((r) => reportSeconds(reports[r])));
    else if (shard.tests.length > 0) missingShards.push(shard.group);
    shards.push(check);
  }
  const byId = (a, b) => compareIds(a.id, b.id);
  const unmatchedReports = reports.filter((_, r) => groupOfReport[r] === void 0).map((rep) => rep.source);
  return {
    ok: lost.length === 0 && doubled.length === 0 && unexpected.length === 0,
    lost,
    doubled: doubled.sort(byId),
    unexpected: unexpected.sort(byId),
    selectedNew: selectedNew.sort(byId),
    gone,
    missingShards,
    unmatchedReports,
    skippedModules: [...skippedModules].sort(compareIds),
    shards
  };
}
function namedGroup(report2) {
  for (const suite of report2?.suites ?? []) {
    const p = suite.properties?.find((x) => x.name === GROUP_PROPERTY);
    if (p !== void 0) return /^[1-9]\d{0,2}$/.test(p.value) ? Number(p.value) : void 0;
  }
  return void 0;
}
function goneIds(report2) {
  const out = [];
  for (const suite of report2?.suites ?? []) {
    for (const p of suite.properties ?? []) {
      if (p.name !== GONE_PROPERTY) continue;
      let list2;
      try {
        list2 = JSON.parse(p.value);
      } catch {
        list2 = void 0;
      }
      if (!Array.isArray(list2) || !list2.every((x) => typeof x === "string")) {
        throw new InputError(`${report2?.source ?? "a report"}: property ${GONE_PROPERTY} is not a JSON list of node ids`);
      }
      out.push(...list2);
    }
  }
  return out;
}
function reportSeconds(report2) {
  if (report2 === void 0) return 0;
  const suites = report2.suites;
  if (suites.length > 0 && suites.every((s) => s.time !== void 0)) return sum(suites.map((s) => s.time));
  return sum(suites.flatMap((s) => s.cases.map((c) => c.time)));
}

// src/core/verifyTiming.ts
var ERROR_TOLERANCE = 0.15;
var RUNNER_FACTOR2 = 1.3;
var MIN_RATIO_SECONDS = 0.01;
var DEFAULT_MOVED_LIMIT = 10;
function timingReport(plan, result, reports, cases, opts = {}) {
  const workers = Number.isInteger(plan.workers) && plan.workers > 0 ? plan.workers : 1;
  const o = plan.overhead ?? {};
  const num = (x) => typeof x === "number" && Number.isFinite(x) && x > 0 ? x : 0;
  const overhead = {
    fixedSeconds: num(o.fixedSeconds),
    perFileSeconds: num(o.perFileSeconds),
    source: o.source ?? "default",
    samples: o.samples ?? 0,
    workerStartSeconds: num(o.workerStartSeconds),
    startupSeconds: num(o.startupSeconds)
  };
  const startup = overhead.startupSeconds ?? 0;
  const groupOfSource = /* @__PURE__ */ new Map();
  for (const s of result.shards) for (const src of s.reports) groupOfSource.set(src, s.group);
  const groupOfReport = reports.map((r) => groupOfSource.get(r.source) ?? 0);
  const measured = junitDurations(cases);
  const casesOfGroup = /* @__PURE__ */ new Map();
  for (const c of cases) {
    const g2 = groupOfReport[c.report] ?? 0;
    const list2 = casesOfGroup.get(g2);
    if (list2) list2.push(c);
    else casesOfGroup.set(g2, [c]);
  }
  const stored = opts.stored;
  const shards = result.shards.map((check) => {
    const predicted = Math.max(0, check.predictedSeconds - (check.predictedSeconds > 0 ? startup : 0));
    const out = { group: check.group, predictedSeconds: round(predicted), verdict: "missing", reason: "no report belongs to this shard" };
    if (check.actualSeconds === void 0) return out;
    const mine = casesOfGroup.get(check.group) ?? [];
    out.measuredSeconds = round(check.actualSeconds);
    const files = new Set(mine.map((c) => fileOf(c.id))).size;
    if (files > 0) {
      const inSession = fixedCost({ workers, overhead }) - startup;
      out.modelSeconds = round(
        Math.max(0, inSession) + overhead.perFileSeconds * files + spreadSeconds(
          mine.map((c) => c.time),
          workers
        )
      );
    }
    if (predicted > 0) out.error = round4(check.actualSeconds / predicted - 1);
    if (stored) {
      const ratios = [];
      for (const id of new Set(mine.map((c) => c.id))) {
        const s = stored.get(id);
        const m = measured.get(id);
        if (s !== void 0 && m !== void 0 && s >= MIN_RATIO_SECONDS) ratios.push(m / s);
      }
      if (ratios.length > 0) out.testRatio = round4(median2(ratios));
    }
    Object.assign(out, judge(out));
    return out;
  });
  const moved = [];
  let compared = 0;
  let unstored = 0;
  const groupOfId = /* @__PURE__ */ new Map();
  for (const c of cases) if (!groupOfId.has(c.id)) groupOfId.set(c.id, groupOfReport[c.report] ?? 0);
  for (const [id, m] of measured) {
    const s = stored?.get(id);
    if (s === void 0) {
      unstored++;
      continue;
    }
    compared++;
    moved.push({ id, group: groupOfId.get(id) ?? 0, storedSeconds: round(s), measuredSeconds: round(m), changeSeconds: round(m - s) });
  }
  moved.sort((a, b) => Math.abs(b.changeSeconds) - Math.abs(a.changeSeconds) || compareIds(a.id, b.id));
  return {
    workers,
    startupSeconds: startup,
    shards,
    stored: stored !== void 0,
    moved: moved.filter((t) => t.changeSeconds !== 0).slice(0, opts.limit ?? DEFAULT_MOVED_LIMIT),
    compared,
    unstored: stored ? unstored : 0
  };
}
function judge(t) {
  const measured = t.measuredSeconds;
  const pct2 = (x) => `${x >= 0 ? "+" : ""}${Math.round(x * 100)}%`;
  if (t.error === void 0 || Math.abs(t.error) <= ERROR_TOLERANCE) {
    return {
      verdict: "as-predicted",
      reason: t.error === void 0 ? "nothing was predicted" : `within ${Math.round(ERROR_TOLERANCE * 100)}% (${pct2(t.error)})`
    };
  }
  const r = t.testRatio;
  if (r !== void 0 && (r >= RUNNER_FACTOR2 || r <= 1 / RUNNER_FACTOR2)) {
    return {
      verdict: "runner-speed",
      reason: `its tests ran ${r.toFixed(2)} x their stored times as a whole: a ${r > 1 ? "slower or busier" : "faster"} machine, not a wrong plan`
    };
  }
  if (t.modelSeconds !== void 0 && Math.abs(t.modelSeconds / measured - 1) <= ERROR_TOLERANCE) {
    return {
      verdict: "tests-moved",
      reason: `the model with this run's test times is within ${Math.round(ERROR_TOLERANCE * 100)}%: some tests' stored times are off (see the moved tests)`
    };
  }
  return {
    verdict: "overhead",
    reason: `even with this run's test times the model is off (${t.modelSeconds?.toFixed(2) ?? "?"} s): start-up, collection or workers cost other than modelled`
  };
}
var round = (x) => Math.round(x * 1e3) / 1e3 || 0;
var round4 = (x) => Math.round(x * 1e4) / 1e4 || 0;

// src/app/verify.ts
async function verifyFromRequest(req) {
  const planPath = resolve7(req.cwd, req.plan);
  const plan = parsePlan(readText(planPath, req.words.option("plan")), req.plan);
  const junit = req.words.option("junit");
  const reports = await readReports(expandPatterns(req.junit, req.cwd, junit, false), junit);
  const entries = plan.shards.flatMap((s) => s.tests);
  const knownIds = new Set(entries.filter((e) => e.includes("::")));
  const wholeFiles = /* @__PURE__ */ new Set([...entries.filter((e) => !e.includes("::")), ...plan.cutFiles.map((c) => c.file)]);
  const rootdir = resolve7(req.cwd, req.rootdir);
  const isFile = (rel) => wholeFiles.has(rel) || isFileUnder(rootdir, rel);
  const { cases, unmapped } = mapReports(reports, { knownIds, isFile });
  const result = verifyRun(plan, reports, cases);
  const storedFiles = resolveDurationPaths({ cwd: req.cwd, durations: req.durations ?? [] });
  const stored = storedFiles.length > 0 ? mergeDurations(
    storedFiles.map((p) => {
      const file = parseDurations(readText(p, req.words.option("durations")), p);
      return pacedTimings(file.timings, file.testPace);
    })
  ) : void 0;
  const timing = timingReport(plan, result, reports, cases, stored ? { stored } : {});
  return { result, plan, reports, unmapped, timing };
}

export {
  fileOf,
  compareIds,
  roundMs,
  sum,
  workerStartSeconds,
  SMOOTHINGS,
  DEFAULT_SMOOTHING,
  DEFAULT_ALPHA,
  DEFAULT_MIN_CHANGE_SECONDS,
  DEFAULT_MIN_CHANGE_RATIO,
  readText,
  writeAtomic,
  writeAtomicAll,
  DEFAULT_DURATIONS_FILE,
  MAX_SPLITS,
  parseIntFlag,
  parseSeconds,
  parseChoice,
  parseAlpha,
  parseRatio,
  list,
  AUTO,
  MAX_WORKERS,
  parsePlanOptions,
  planRequestOf,
  fileShares,
  DEFAULT_JOB_OVERHEAD_SECONDS,
  recommend,
  WORKER_CHOICES,
  coreBudgets,
  compareWorkers,
  prepareSuite,
  parseChooseOptions,
  resolvePlan,
  oneLine,
  andMore,
  listSome,
  describeWarnings,
  describeWith,
  describeOverhead,
  formatSummary,
  formatMatrix,
  formatPlan,
  parsePlan,
  describeChoice,
  formatRecommendation,
  escapeMarkdown,
  codeSpan,
  codeBlock,
  formatRefreshReport,
  escapeXml,
  coord,
  openChart,
  closeChart,
  OFFENDER_LIMIT,
  formatVerify,
  verifyMarkdown,
  verifyHtml,
  loadRefreshInputs,
  refreshText,
  refreshFromRequest,
  checkSelector,
  formatArgsFile,
  pluginFiles,
  verifyFromRequest
};
