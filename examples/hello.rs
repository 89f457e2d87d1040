// Reads a name on stdin and greets it; with no input it greets FAAS.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin is not UTF-8");
    let name = input.trim_end_matches(['\n', '\r']);
    if name.is_empty() {
        println!("Hello from FAAS!");
    } else {
        println!("Hello, {}! (from Rust)", name);
    }
}
