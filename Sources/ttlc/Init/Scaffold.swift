/// The spec `ttlc init` writes: a minimal system that `ttlc check` and `ttlc build` accept
/// without a warning (private, not documentation, addresses and ASN).
enum Scaffold {
    static let fileName = "system.ttl"

    static let text = """
        # A ttlc system spec made by `ttlc init`: one system, one namespace, one service and one BGP node.
        # Check it with `ttlc check DIR`, build it with `ttlc build DIR -o ops`. Every class and property
        # is described in docs/reference (`ttlc docs`); `ttlc explain` shows where an output comes from.
        @prefix tc: <https://w3id.org/ttlc#> .
        @prefix :   <https://example.org/fleet#> .

        # The fleet: the Git repository Flux syncs the built tree from, and the BIRD image nodes run.
        :fleet a tc:System ;
            tc:repository "https://git.example.org/fleet.git" ;
            tc:branch "main" ;
            tc:path "./clusters/main" ;
            tc:interval "1m" ;
            tc:birdImage "ghcr.io/example/bird:2.15.1" .

        # A namespace (default-deny for network traffic); its quota covers every pod it runs.
        :apps a tc:Namespace ;
            tc:quota [ tc:cpu "4" ; tc:memory "8Gi" ; tc:pods 10 ] .

        # One service: a container image, a named port, resources and replicas.
        :hello a tc:Service ;
            tc:namespace :apps ;
            tc:image "ghcr.io/example/hello:1.0.0" ;
            tc:port [ tc:name "http" ; tc:number 8080 ] ;
            tc:cpu "100m" ; tc:cpuLimit "500m" ;
            tc:memory "128Mi" ; tc:memoryLimit "256Mi" ;
            tc:expose tc:ClusterIP ;
            tc:replicas 2 .

        # One edge node speaking BGP (BIRD 2); add tc:peer and tc:announces as the fleet grows.
        :node-1 a tc:Node ;
            tc:routerId "10.0.0.1" ;
            tc:asn 64512 .

        """
}
