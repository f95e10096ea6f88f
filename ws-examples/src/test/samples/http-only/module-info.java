/** A program that needs the opening-handshake helpers and nothing else of websockets4j. */
module sample.http {
    requires org.websockets4j.http;
}
