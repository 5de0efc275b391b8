/// Why there is no solution, as numbered lines of reasoning: the derivation tree of the root
/// incompatibility walked as in Dart pub's error reporting (shared sub-derivations get a
/// number and are referred back to), worded as uv words it ("Because ... and ..., we can
/// conclude that ...").
package struct Explanation<Package: Hashable> {
    package struct Line: Equatable, Sendable {
        package var text: String
        /// Set when a later line refers back to this one.
        package var number: Int?
        /// A blank line before this one: a new branch of the derivation starts.
        package var startsBranch: Bool
    }

    package private(set) var lines: [Line] = []
    /// Every external fact the explanation rests on (dependencies, unusable candidates), in the order used.
    package private(set) var facts: [Incompatibility<Package>] = []

    package init<P: DependencyProvider>(_ root: Incompatibility<Package>, rootPackage: Package, provider: P) where P.Package == Package {
        var writer = Writer(root: rootPackage, provider: provider)
        writer.countDerivations(root)
        if root.isDerived {
            writer.visit(root)
        } else {
            writer.note(root)
            writer.write(root, "Because \(writer.text(of: root)), we can conclude that \(writer.conclusion(root)).")
        }
        lines = writer.lines
        facts = writer.facts
    }

    /// The lines, numbered ones marked `(n)` and the others indented to match.
    package var text: String {
        let width = lines.contains { $0.number != nil } ? "(\(lines.compactMap(\.number).max()!)) ".count : 0
        var out: [String] = []
        for line in lines {
            if line.startsBranch { out.append("") }
            let prefix = line.number.map { "(\($0)) " } ?? ""
            out.append(String(repeating: " ", count: width - prefix.count) + prefix + line.text)
        }
        return out.joined(separator: "\n")
    }

    private struct Writer<P: DependencyProvider> where P.Package == Package {
        let root: Package
        let provider: P
        var lines: [Line] = []
        var facts: [Incompatibility<Package>] = []
        var numbers: [ObjectIdentifier: Int] = [:]
        var derivations: [ObjectIdentifier: Int] = [:]
        var nextNumber = 1
        var blankPending = false

        init(root: Package, provider: P) {
            self.root = root
            self.provider = provider
        }

        mutating func countDerivations(_ incompatibility: Incompatibility<Package>) {
            let id = ObjectIdentifier(incompatibility)
            derivations[id, default: 0] += 1
            guard derivations[id] == 1, let (a, b) = incompatibility.causes else { return }
            countDerivations(a)
            countDerivations(b)
        }

        func line(_ i: Incompatibility<Package>) -> Int? { numbers[ObjectIdentifier(i)] }

        mutating func write(_ incompatibility: Incompatibility<Package>, _ text: String, numbered: Bool = false) {
            var number: Int?
            if numbered {
                number = nextNumber
                nextNumber += 1
                numbers[ObjectIdentifier(incompatibility)] = number
            }
            lines.append(Line(text: text, number: number, startsBranch: blankPending))
            blankPending = false
        }

        mutating func note(_ external: Incompatibility<Package>) {
            if !facts.contains(where: { $0 === external }) { facts.append(external) }
        }

        mutating func visit(_ incompatibility: Incompatibility<Package>, conclusion: Bool = false) {
            let numbered = conclusion || derivations[ObjectIdentifier(incompatibility), default: 0] > 1
            let concluded = "we can conclude that \(self.conclusion(incompatibility))"
            guard let (first, second) = incompatibility.causes else { return }
            switch (first.isDerived, second.isDerived) {
            case (true, true):
                if let l1 = line(first), let l2 = line(second) {
                    write(incompatibility, "Because \(self.conclusion(first)) (\(l1)) and \(self.conclusion(second)) (\(l2)), \(concluded).", numbered: numbered)
                } else if line(first) != nil || line(second) != nil {
                    let (numberedCause, other) = line(first) != nil ? (first, second) : (second, first)
                    visit(other)
                    write(incompatibility, "And because \(self.conclusion(numberedCause)) (\(line(numberedCause)!)), \(concluded).", numbered: numbered)
                } else if isSingleLine(first) || isSingleLine(second) {
                    let (complex, simple) = isSingleLine(second) ? (first, second) : (second, first)
                    visit(complex)
                    visit(simple)
                    write(incompatibility, "Thus, \(concluded).", numbered: numbered)
                } else {
                    visit(first, conclusion: true)
                    blankPending = true
                    visit(second)
                    write(incompatibility, "And because \(self.conclusion(first)) (\(line(first)!)), \(concluded).", numbered: numbered)
                }
            case (true, false), (false, true):
                let (derived, external) = first.isDerived ? (first, second) : (second, first)
                note(external)
                if let l = line(derived) {
                    write(incompatibility, "Because \(text(of: external)) and \(self.conclusion(derived)) (\(l)), \(concluded).", numbered: numbered)
                } else if isCollapsible(derived), let (a, b) = derived.causes {
                    let (priorDerived, priorExternal) = a.isDerived ? (a, b) : (b, a)
                    note(priorExternal)
                    visit(priorDerived)
                    write(incompatibility, "And because \(joined(priorExternal, external)), \(concluded).", numbered: numbered)
                } else {
                    visit(derived)
                    write(incompatibility, "And because \(text(of: external)), \(concluded).", numbered: numbered)
                }
            case (false, false):
                note(first)
                note(second)
                write(incompatibility, "Because \(joined(first, second)), \(concluded).", numbered: numbered)
            }
        }

        func isSingleLine(_ i: Incompatibility<Package>) -> Bool {
            guard let (a, b) = i.causes else { return false }
            return !a.isDerived && !b.isDerived
        }

        func isCollapsible(_ i: Incompatibility<Package>) -> Bool {
            if derivations[ObjectIdentifier(i), default: 0] > 1 { return false }
            guard let (a, b) = i.causes else { return false }
            if a.isDerived == b.isDerived { return false }
            return line(a.isDerived ? a : b) == nil
        }

        // MARK: - Words

        func name(_ package: Package) -> String { provider.name(of: package) }
        var words: Vocabulary { provider.vocabulary }

        /// `numpy>=1.20.3`, or `every version of numpy` when the set stands for all of them.
        func subject(_ term: Term<Package>) -> String {
            provider.describe(term.package, term.set) ?? "every version of \(name(term.package))"
        }

        /// A term as a thing that can be installed or required: `numpy>=1.20.3`, `numpy`.
        func object(_ term: Term<Package>) -> String {
            provider.describe(term.package, term.set) ?? name(term.package)
        }

        /// An external fact on its own.
        func text(of i: Incompatibility<Package>) -> String {
            switch i.cause {
            case .root:
                return "the requirements must be installed"
            case .dependency(let label, let isConstraint):
                let depender = i.terms[0]
                if depender.package == root {
                    return isConstraint ? "your constraints limit \(label)" : "you require \(label)"
                }
                let verb = isConstraint ? "constrains" : words.dependsOn
                return "\(subject(depender)) \(verb) \(label)"
            case .noVersions:
                return "there is no version of \(object(i.terms[0]))"
            case .unavailable(let reason):
                return "\(subject(i.terms[0])) \(reason)"
            case .noMatchingDependency(let dependency, let label):
                let depender = i.terms[0]
                let who = depender.package == root ? "you require" : "\(subject(depender)) \(words.dependsOn)"
                return words.missing(who, label, name(dependency))
            case .derived:
                return conclusion(i)
            }
        }

        /// Two external facts in one clause: "you require a and b", "a depends on b which depends on c".
        func joined(_ a: Incompatibility<Package>, _ b: Incompatibility<Package>) -> String {
            if case .dependency(let la, false) = a.cause, case .dependency(let lb, false) = b.cause {
                if a.terms[0].package == root && b.terms[0].package == root { return "you require \(la) and \(lb)" }
                for (x, y, lx, ly) in [(a, b, la, lb), (b, a, lb, la)] where x.terms.count == 2 {
                    let target = x.terms[1]
                    let depender = y.terms[0]
                    if target.package == depender.package, Term(target.package, target.set).isSubset(of: depender) {
                        let who = x.terms[0].package == root ? "you require" : "\(subject(x.terms[0])) \(words.dependsOn)"
                        return "\(who) \(lx) which \(words.dependsOn) \(ly)"
                    }
                }
            }
            return "\(text(of: a)) and \(text(of: b))"
        }

        /// What a derived incompatibility says, as a conclusion.
        func conclusion(_ i: Incompatibility<Package>) -> String {
            let terms = i.terms
            let positives = terms.filter(\.isPositive)
            let negatives = terms.filter { !$0.isPositive }
            if terms.isEmpty || (terms.count == 1 && terms[0].package == root && terms[0].isPositive) {
                return "your requirements are unsatisfiable"
            }
            if terms.count == 1 {
                let t = terms[0]
                return t.isPositive ? "\(object(t)) cannot be used" : "\(object(t)) is required"
            }
            if positives.count == 1, let p = positives.first, negatives.count >= 1 {
                let required = negatives.map(object).joined(separator: " or ")
                return p.package == root ? "you require \(required)" : "\(subject(p)) \(words.dependsOn) \(required)"
            }
            if negatives.isEmpty {
                let names = positives.map { $0.package == root ? "your requirements" : object($0) }
                return "\(list(names)) are incompatible"
            }
            let dependers = positives.map { $0.package == root ? "your requirements" : object($0) }
            return "\(list(dependers)) depend on \(negatives.map(object).joined(separator: " or "))"
        }

        func list(_ items: [String]) -> String {
            items.count <= 2 ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}
