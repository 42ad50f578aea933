// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title MicroEvents drops settled on chain
/// @notice The settlement signer anchors each drop's sealed receipt roots; whoever holds a receipt mints its
/// token with the receipt's leaf and Merkle proof (OpenZeppelin StandardMerkleTree: double keccak of the
/// abi-encoded leaf, sorted-pair inner nodes), at most once per token.
///
/// Custodial claims are held by the custody account (the settlement signer): their receipt leaf names it as the
/// holder, while the claimant's ephemeral key and mailed code are checked off chain. A hand-off moves a token to a
/// wallet with `claimHandedOff`: an EIP-712 `HandOff(leaf, to)` signed by the leaf's holder and nobody else, so the
/// custody account can hand off exactly the tokens it holds, and a token whose leaf names a wallet can only ever
/// be handed off by that wallet. Anyone may submit a hand-off (the wallet pays its gas, or the settlement actor
/// delivers it); it names its recipient, so a relayer can never redirect the token.
contract MicroEventsDrops is ERC721, EIP712 {
    /// @notice One mint exactly as the off-chain receipt leaf encodes it (MicroEvents.Signatures.Receipts.ReceiptLeaf).
    struct Receipt {
        string dropId;
        uint256 tokenNumber;
        string claimId;
        address holder;
        bytes32 manifestHash;
        uint256 mintedAt;
    }

    /// @notice EIP-712 type of a hand-off: the receipt leaf (which binds drop, token number, claim and holder) and the recipient.
    bytes32 public constant HANDOFF_TYPEHASH = keccak256("HandOff(bytes32 leaf,address to)");

    address public immutable settlementSigner;
    string private _metadataBase;

    /// @dev keccak256(bytes(dropId)) => root => anchored
    mapping(bytes32 => mapping(bytes32 => bool)) private _anchored;

    event RootAnchored(string dropId, bytes32 indexed dropKey, bytes32 indexed root);
    event TokenClaimed(uint256 indexed tokenId, string dropId, uint256 tokenNumber, address indexed to);

    error NotSettlementSigner(address caller);
    error AlreadyAnchored(string dropId, bytes32 root);
    error RootNotAnchored(string dropId, bytes32 root);
    error InvalidProof();
    error NotTheHolder(address caller, address holder);
    error InvalidHandOff(address signer);

    constructor(address signer, string memory metadataBase) ERC721("MicroEvents Drops", "MEVD") EIP712("MicroEventsDrops", "1") {
        settlementSigner = signer;
        _metadataBase = metadataBase;
    }

    /// @notice Records a sealed batch root of a drop. Reverts on a second anchor of the same root, so a
    /// re-sent transaction can never anchor twice.
    function anchor(string calldata dropId, bytes32 root) external {
        if (msg.sender != settlementSigner) revert NotSettlementSigner(msg.sender);
        bytes32 key = keccak256(bytes(dropId));
        if (_anchored[key][root]) revert AlreadyAnchored(dropId, root);
        _anchored[key][root] = true;
        emit RootAnchored(dropId, key, root);
    }

    function isAnchored(string calldata dropId, bytes32 root) external view returns (bool) {
        return _anchored[keccak256(bytes(dropId))][root];
    }

    /// @notice Token id of token number N of a drop: keccak256(abi.encode(dropId, N)) as a uint256.
    /// Drop ids are strings, so a hash (not a packed number) makes ids unique across drops and computable
    /// by anyone off chain; abi.encode (not encodePacked) keeps ("a1", 2) and ("a", 12) apart.
    function tokenIdOf(string memory dropId, uint256 tokenNumber) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(dropId, tokenNumber)));
    }

    /// @notice The receipt's leaf hash, equal to ReceiptLeaf.Hash() off chain.
    function leafOf(Receipt calldata receipt) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(
            receipt.dropId, receipt.tokenNumber, receipt.claimId, receipt.holder, receipt.manifestHash, receipt.mintedAt))));
    }

    /// @notice Mints the receipt's token to `to`. The receipt's holder may send it anywhere; anyone else may
    /// only deliver it to the holder, so a relayer can pay the gas but never redirect the token.
    function claim(Receipt calldata receipt, bytes32 root, bytes32[] calldata proof, address to) external returns (uint256 tokenId) {
        if (msg.sender != receipt.holder && to != receipt.holder) revert NotTheHolder(msg.sender, receipt.holder);
        return _mintReceipt(receipt, root, proof, to);
    }

    /// @notice Mints the receipt's token to `to` on a hand-off signed by the leaf's holder. The settlement signer's
    /// signature counts only for leaves it holds itself (custodial ones): it can never move a wallet's token.
    function claimHandedOff(Receipt calldata receipt, bytes32 root, bytes32[] calldata proof, address to, bytes calldata handOff)
        external returns (uint256 tokenId)
    {
        address signer = ECDSA.recover(handOffDigest(leafOf(receipt), to), handOff);
        if (signer != receipt.holder) revert InvalidHandOff(signer);
        return _mintReceipt(receipt, root, proof, to);
    }

    /// @notice The EIP-712 digest a hand-off signs (domain "MicroEventsDrops", version "1", this chain and contract).
    function handOffDigest(bytes32 leaf, address to) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(HANDOFF_TYPEHASH, leaf, to)));
    }

    /// @notice Whether token N of a drop is minted (claimed) already.
    function isClaimed(string calldata dropId, uint256 tokenNumber) external view returns (bool) {
        return _ownerOf(tokenIdOf(dropId, tokenNumber)) != address(0);
    }

    function _mintReceipt(Receipt calldata receipt, bytes32 root, bytes32[] calldata proof, address to) private returns (uint256 tokenId) {
        if (!_anchored[keccak256(bytes(receipt.dropId))][root]) revert RootNotAnchored(receipt.dropId, root);
        if (!MerkleProof.verifyCalldata(proof, root, leafOf(receipt))) revert InvalidProof();
        tokenId = tokenIdOf(receipt.dropId, receipt.tokenNumber);
        // _safeMint reverts with ERC721InvalidSender when the token exists: at most one claim per token.
        _safeMint(to, tokenId);
        emit TokenClaimed(tokenId, receipt.dropId, receipt.tokenNumber, to);
    }

    /// @notice {metadataBase}{contract address}/{tokenId}, the gateway's GET /tokens/{contract}/{tokenId}.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        return string.concat(_metadataBase, Strings.toHexString(address(this)), "/", Strings.toString(tokenId));
    }
}
