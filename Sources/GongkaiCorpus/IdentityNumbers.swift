/// Realistic-format identity numbers with correct check characters.
///
/// The numbers are made up: region, birth date and sequence are drawn, then the check character
/// is computed so that the result passes the format's own checks.
public enum IdentityNumbers {
    /// An 18-character resident ID number (GB 11643): `region`, birth date `yyyymmdd`, a
    /// three-digit sequence (odd for men, even for women) and the ISO 7064 MOD 11-2 check.
    public static func residentID(region: String, birth: String, sequence: Int) -> String {
        let seq = String(sequence + 1000).dropFirst()
        let body = region + birth + seq
        return body + String(residentCheck(body))
    }

    /// The check character of the first 17 digits of a resident ID number.
    public static func residentCheck(_ first17: String) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (d, w) in zip(first17.utf8, weights) { sum += Int(d - 48) * w }
        return Array("10X98765432")[sum % 11]
    }

    private static let creditAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// An 18-character unified social credit code (GB 32100): registering authority and type
    /// (`"93"` cooperative, `"92"` individual business, `"91"` company), region, a nine-character
    /// organisation code with its own check (GB 11714) and the MOD 31 check character.
    public static func creditCode(type: String, region: String, organisation digits: [Int]) -> String {
        // Organisation code: eight digits, then its check digit.
        let ow = [3, 7, 9, 10, 5, 8, 4, 2]
        var os = 0
        for (d, w) in zip(digits, ow) { os += d * w }
        let oc = 11 - os % 11
        let orgCheck = oc == 10 ? "X" : (oc == 11 ? "0" : String(oc))
        let body = type + region + digits.map(String.init).joined() + orgCheck
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        var sum = 0
        for (c, w) in zip(body, weights) { sum += creditAlphabet.firstIndex(of: c)! * w }
        let check = (31 - sum % 31) % 31
        return body + String(creditAlphabet[check])
    }

    /// Whether an 18-character unified social credit code's last character is right.
    public static func creditCodeIsValid(_ code: String) -> Bool {
        let chars = Array(code)
        guard chars.count == 18 else { return false }
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        var sum = 0
        for (c, w) in zip(chars[0..<17], weights) {
            guard let v = creditAlphabet.firstIndex(of: c) else { return false }
            sum += v * w
        }
        return creditAlphabet[(31 - sum % 31) % 31] == chars[17]
    }
}
