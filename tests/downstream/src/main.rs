//! Prints a summary of the API guide's v2.0 response example, or of a response read from the
//! file given as the only argument.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let json = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path)?,
        None => downstream::GUIDE_RESPONSE_V2.to_string(),
    };
    for line in downstream::summarise(&json)? {
        println!("{line}");
    }
    Ok(())
}
