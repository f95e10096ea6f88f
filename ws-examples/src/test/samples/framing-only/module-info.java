/** A program that needs the frame codec and nothing else of websockets4j. */
module sample.framing {
    requires org.websockets4j.framing;
}
