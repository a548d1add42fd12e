#if canImport(Glibc)
import Glibc
#endif

/// Where the server gets its listening socket.
public enum FastCGIListen: Sendable {
    /// A socket someone else opened: systemd (`StandardInput=socket`, fd 0) or spawn-fcgi.
    /// It is never closed or shut down, because systemd keeps the same socket for the next start.
    case inheritedSocket(fd: Int32 = 0)
    /// A unix socket the server creates itself (development, `make run`). A stale socket file left
    /// by a dead process is removed first; the file is removed again when `run()` returns.
    case unixSocket(path: String, mode: mode_t = 0o660)
}

/// The listening descriptor plus what is needed to clean up after it.
struct ListeningSocket {
    let fd: Int32
    /// Set when we created the socket file: close the fd and unlink the path afterwards.
    let ownedPath: String?
    /// The file we bound, so cleanup never unlinks a newer server's socket at the same path.
    let fileIdentity: (device: UInt64, inode: UInt64)?

    static func open(_ listen: FastCGIListen) throws -> ListeningSocket {
        switch listen {
        case let .inheritedSocket(fd):
            try validateListening(fd: fd)
            try setNonBlocking(fd)
            return ListeningSocket(fd: fd, ownedPath: nil, fileIdentity: nil)
        case let .unixSocket(path, mode):
            return try bindUnix(path: path, mode: mode)
        }
    }

    /// Closes and unlinks only what we created; inherited sockets are left exactly as they are.
    func closeIfOwned() {
        guard let path = ownedPath else { return }
        if let identity = fileIdentity, let current = Self.identity(ofPath: path),
           current.device == identity.device, current.inode == identity.inode {
            unlink(path)
        }
        Glibc.close(fd)
    }

    private static func validateListening(fd: Int32) throws {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FastCGIError.system(call: "fstat(\(fd))", errno: errno) }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw FastCGIError.notAListeningSocket(fd: fd) }
        var accepting: Int32 = 0
        var type: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0, accepting == 1 else {
            throw FastCGIError.notAListeningSocket(fd: fd)
        }
        length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0, type == Int32(SOCK_STREAM.rawValue) else {
            throw FastCGIError.notAListeningSocket(fd: fd)
        }
    }

    /// Workers poll() before FCGX_Accept_r, but another worker or process may win the accept;
    /// non-blocking, the loser gets EAGAIN (libfcgi returns -EAGAIN) instead of sleeping in accept()
    /// where stop() could not wake it. Linux does not pass O_NONBLOCK on to accepted sockets.
    private static func setNonBlocking(_ fd: Int32) throws {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw FastCGIError.system(call: "fcntl(O_NONBLOCK)", errno: errno)
        }
    }

    private static func bindUnix(path: String, mode: mode_t) throws -> ListeningSocket {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !pathBytes.isEmpty, pathBytes.count < capacity else { throw FastCGIError.socketPathTooLong(path: path) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        try removeStaleSocket(at: path, address: address)

        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw FastCGIError.system(call: "socket", errno: errno) }
        do {
            try withSockaddr(address) { pointer, length in
                guard bind(fd, pointer, length) == 0 else { throw FastCGIError.system(call: "bind(\(path))", errno: errno) }
            }
            // chmod before listen(): until listen() nobody can connect, so there is no window in
            // which the socket is reachable with the umask's looser mode.
            guard chmod(path, mode) == 0 else { throw FastCGIError.system(call: "chmod(\(path))", errno: errno) }
            guard Glibc.listen(fd, SOMAXCONN) == 0 else { throw FastCGIError.system(call: "listen", errno: errno) }
            try setNonBlocking(fd)
        } catch {
            Glibc.close(fd)
            throw error
        }
        return ListeningSocket(fd: fd, ownedPath: path, fileIdentity: identity(ofPath: path))
    }

    /// A socket file whose owner died refuses connections: remove it. One that accepts belongs to a
    /// live server, and anything that is not a socket is not ours to delete.
    private static func removeStaleSocket(at path: String, address: sockaddr_un) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw FastCGIError.pathIsNotASocket(path: path) }
        let probe = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { throw FastCGIError.system(call: "socket", errno: errno) }
        defer { Glibc.close(probe) }
        let connected = withSockaddr(address) { pointer, length in connect(probe, pointer, length) == 0 }
        if connected { throw FastCGIError.socketInUse(path: path) }
        guard unlink(path) == 0 || errno == ENOENT else { throw FastCGIError.system(call: "unlink(\(path))", errno: errno) }
    }

    private static func withSockaddr<T>(_ address: sockaddr_un, _ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) rethrows -> T {
        var address = address
        return try withUnsafePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try body($0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    private static func identity(ofPath path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }
}
