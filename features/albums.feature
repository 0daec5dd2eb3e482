Feature: Sending several photos at once
  Telegram lets a person send up to ten photos as one album. The bot keeps every photo of it
  and answers the album once, not once per photo.

  Background:
    Given Alice has started the bot

  Scenario: An album gets exactly one reply and every photo is kept
    When Alice sends an album of 3 photos
    Then Alice receives 1 message
    And Alice receives a message containing "Saved! The album has 3 photos."
    And the family album of Alice holds 3 photos

  Scenario: An album adds to the photos already there
    Given Alice has uploaded 2 photos
    When Alice sends an album of 4 photos
    Then Alice receives 1 message
    And Alice receives a message containing "Saved! The album has 6 photos."
    And the family album of Alice holds 6 photos

  Scenario: A full album of ten photos
    When Alice sends an album of 10 photos
    Then Alice receives 1 message
    And the family album of Alice holds 10 photos

  Scenario: Photos of an album come back like any other
    When Alice sends an album of 2 photos
    And Alice asks for a photo
    Then Alice receives a photo Alice uploaded
