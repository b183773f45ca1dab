fn main() {
    // new or changed dashboard files are embedded again
    println!("cargo:rerun-if-changed=assets");
}
