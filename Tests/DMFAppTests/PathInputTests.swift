import DMFApp
import Testing

@Suite("Paths as people type or drag them")
struct PathInputTests {
    @Test(
        "~ and ~/… start at the home folder",
        arguments: [
            ("~", "/home/ann"), ("~/", "/home/ann/"), ("~/case.yaml", "/home/ann/case.yaml"),
            ("~/forms/dmf.html", "/home/ann/forms/dmf.html"), ("  ~/case.yaml  ", "/home/ann/case.yaml"),
        ])
    func tilde(typed: String, path: String) {
        #expect(PathInput.expand(typed, home: "/home/ann") == path)
    }

    @Test("a home folder written with a trailing slash, or the root, gives no double slash")
    func homeWithSlash() {
        #expect(PathInput.expand("~/case.yaml", home: "/home/ann/") == "/home/ann/case.yaml")
        #expect(PathInput.expand("~", home: "/home/ann//") == "/home/ann")
        #expect(PathInput.expand("~/case.yaml", home: "/") == "/case.yaml")
        #expect(PathInput.expand("~", home: "/") == "/")
    }

    @Test("with no home (HOME unset or empty) ~ stays as typed")
    func noHome() {
        #expect(PathInput.expand("~/case.yaml", home: nil) == "~/case.yaml")
        #expect(PathInput.expand("~", home: "") == "~")
    }

    @Test(
        "~user, and ~ anywhere but at the start, are left as typed",
        arguments: [
            "~bob/case.yaml", "~bob", "forms/~/case.yaml", "/tmp/~", "case~.yaml", "~~/x",
        ])
    func otherTildes(typed: String) {
        #expect(PathInput.expand(typed, home: "/home/ann") == typed)
    }

    @Test(
        "surrounding blanks go; blanks inside stay",
        arguments: [
            ("  /tmp/case.yaml ", "/tmp/case.yaml"), ("\t/tmp/case.yaml\n", "/tmp/case.yaml"),
            ("/tmp/my case.yaml", "/tmp/my case.yaml"), ("   ", ""), ("", ""),
        ])
    func blanks(typed: String, path: String) {
        #expect(PathInput.expand(typed, home: "/home/ann") == path)
    }

    @Test(
        "one pair of quotes that a terminal adds to a dragged file is dropped",
        arguments: [
            ("'/home/ann/My Cases/case 1.yaml' ", "/home/ann/My Cases/case 1.yaml"),
            ("\"/home/ann/My Cases/case 1.yaml\"", "/home/ann/My Cases/case 1.yaml"),
            ("'/home/ann/Ann'\\''s case.yaml'", "/home/ann/Ann's case.yaml"),  // the shell's quoting of an apostrophe
            ("'~/case.yaml'", "/home/ann/case.yaml"),
            ("''", ""),
        ])
    func quotes(typed: String, path: String) {
        #expect(PathInput.expand(typed, home: "/home/ann") == path)
    }

    @Test(
        "quotes that do not make a pair around the whole path are kept",
        arguments: [
            "'/tmp/case.yaml", "/tmp/case.yaml'", "'/tmp/case.yaml\"", "/tmp/'quoted'.yaml", "'", "\"",
        ])
    func unpairedQuotes(typed: String) {
        #expect(PathInput.expand(typed, home: "/home/ann") == typed)
    }

    @Test("only one pair of quotes is dropped")
    func onePair() {
        #expect(PathInput.expand("\"'/tmp/case.yaml'\"", home: nil) == "'/tmp/case.yaml'")
    }
}
