/// `mostProficient` → `most_proficient`: how scenario files, reports and the
/// server spell the names of policies and wait-time methods.
public func snakeCased(_ camel: String) -> String {
    var out = ""
    for c in camel {
        if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
    }
    return out
}
