import HeadroomCLI

/// The `headroom` executable: parse the arguments and run the command (HeadroomCLI does the work).
@main
enum HeadroomMain {
    static func main() async {
        await Headroom.start()
    }
}
