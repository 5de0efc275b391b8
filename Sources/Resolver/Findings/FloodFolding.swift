/// Floods: one cause that gives a finding per package it touches.
enum FloodFolding {
    static func folded(_ findings: [Finding]) -> [Finding] { findings }
}
